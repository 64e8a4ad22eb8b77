using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// Runs ffmpeg and ffprobe as child processes: arguments as a list, both pipes drained concurrently, progress
/// parsed from <c>-progress pipe:1</c>, a log per job with the exact command line and the full stderr, a typed
/// error with the exit code and ffmpeg's last lines, and the process tree killed on cancellation.
/// Thread-safe; one instance serves the whole application.
/// </summary>
public sealed partial class FfmpegRunner
{
    private const string Ffmpeg = "ffmpeg";
    private const string Ffprobe = "ffprobe";
    private readonly ILogger _logger;

    /// <summary>Creates a runner over validated options.</summary>
    /// <exception cref="ValidationException">The options break their DataAnnotations rules.</exception>
    public FfmpegRunner(MediaOptions options, ILogger<FfmpegRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        Options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The options this runner was created with.</summary>
    public MediaOptions Options { get; }

    /// <summary>
    /// Checks that both ffmpeg and ffprobe can be found and returns ffmpeg's version line, for example
    /// <c>ffmpeg version 5.1.9-0+deb12u1</c>.
    /// </summary>
    /// <exception cref="FfmpegNotFoundException">ffmpeg or ffprobe is missing.</exception>
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        string ffmpeg = Locate(Ffmpeg);
        Locate(Ffprobe);
        var output = new StringBuilder();
        ProcessOutcome outcome = await RunProcessAsync(
            Ffmpeg,
            ffmpeg,
            ["-hide_banner", "-version"],
            writeInput: null,
            readOutput: async (stream, token) => output.Append(await ReadAllTextAsync(stream, token).ConfigureAwait(false)),
            stderrLog: null,
            cancellationToken).ConfigureAwait(false);
        ThrowOnFailure(Ffmpeg, outcome, CommandLineText.Format(ffmpeg, ["-hide_banner", "-version"]), logPath: null, cancellationToken);
        return output.ToString().Split('\n', 2)[0].Trim();
    }

    /// <summary>Runs one ffmpeg job to completion.</summary>
    /// <exception cref="FfmpegException">ffmpeg exited with a non-zero code.</exception>
    /// <exception cref="FfmpegNotFoundException">ffmpeg is missing.</exception>
    /// <exception cref="MediaInputException">An input file is missing, or an output would overwrite an input.</exception>
    /// <exception cref="OperationCanceledException">
    /// The token was cancelled; the process tree has been killed by the time this is thrown.
    /// </exception>
    public async Task<FfmpegResult> RunAsync(FfmpegJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        FfmpegCommand command = job.Command;
        CheckStandardStreams(job);
        IReadOnlyList<string> arguments = command.BuildArguments();
        CheckFiles(command);
        string executable = Locate(Ffmpeg);
        string commandLine = CommandLineText.Format(executable, arguments);
        string? logPath = ResolveLogPath(job);
        cancellationToken.ThrowIfCancellationRequested();

        var parser = new FfmpegProgressParser(job.ExpectedDuration);
        FfmpegProgress? lastProgress = null;
        Func<Stream, CancellationToken, Task> readOutput = job.ReadStandardOutput ?? (async (stream, token) =>
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            while (await reader.ReadLineAsync(token).ConfigureAwait(false) is { } line)
            {
                if (parser.ReadLine(line) is { } progress)
                {
                    lastProgress = progress;
                    job.Progress?.Report(progress);
                }
            }
        });

        LogStarting(_logger, job.Name, commandLine);
        var stopwatch = Stopwatch.StartNew();
        StreamWriter? log = OpenLog(logPath, job.Name, commandLine);
        try
        {
            ProcessOutcome outcome;
            try
            {
                outcome = await RunProcessAsync(
                    Ffmpeg, executable, arguments, job.WriteStandardInput, readOutput, log, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                await WriteLogLineAsync(log, $"# failed to run: {exception.Message}").ConfigureAwait(false);
                throw;
            }

            string ending = cancellationToken.IsCancellationRequested
                ? "cancelled; process tree killed"
                : outcome.CallbackFailure is { } failure && outcome.KilledByRunner
                    ? $"stopped because the caller's stream callback failed ({failure.SourceException.Message}); process tree killed"
                    : $"exit code {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)}";
            await WriteLogLineAsync(
                log,
                $"# {ending} after {stopwatch.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
            LogFinished(_logger, job.Name, ending, stopwatch.Elapsed.TotalSeconds);
            ThrowOnFailure(Ffmpeg, outcome, commandLine, logPath, cancellationToken);
            return new FfmpegResult(commandLine, stopwatch.Elapsed, lastProgress, outcome.StandardErrorTail, logPath);
        }
        finally
        {
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Probes a local media file with ffprobe (<c>-print_format json -show_format -show_streams</c>).
    /// </summary>
    /// <exception cref="MediaInputException">
    /// The path is a URL, the file is missing, or ffprobe cannot read it as media (the message carries ffprobe's words).
    /// </exception>
    /// <exception cref="FfmpegNotFoundException">ffprobe is missing.</exception>
    public async Task<MediaProbe> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        string fullPath = LocalMediaPath.Resolve(path);
        LocalMediaPath.EnsureFileExists(fullPath);
        string executable = Locate(Ffprobe);
        string[] arguments =
        [
            "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file,pipe",
            "-print_format", "json", "-show_format", "-show_streams", "-i", fullPath,
        ];
        string commandLine = CommandLineText.Format(executable, arguments);
        string json = string.Empty;
        ProcessOutcome outcome = await RunProcessAsync(
            Ffprobe,
            executable,
            arguments,
            writeInput: null,
            readOutput: async (stream, token) => json = await ReadAllTextAsync(stream, token).ConfigureAwait(false),
            stderrLog: null,
            cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowOnFailure(Ffprobe, outcome, commandLine, logPath: null, cancellationToken);
        }
        catch (FfmpegException exception)
        {
            string reason = exception.StandardErrorTail.Count > 0 ? exception.StandardErrorTail[^1] : "ffprobe gave no reason";
            throw new MediaInputException(
                $"'{Path.GetFileName(fullPath)}' could not be read as media ({reason}). It may be corrupt or in an unsupported format.",
                exception);
        }

        return MediaProbeParser.Parse(json);
    }

    private static void CheckStandardStreams(FfmpegJob job)
    {
        if (job.Command.ReadsStandardInput != (job.WriteStandardInput is not null))
        {
            throw new ArgumentException(
                "A job must give WriteStandardInput exactly when its command reads standard input.", nameof(job));
        }

        if (job.Command.WritesStandardOutput != (job.ReadStandardOutput is not null))
        {
            throw new ArgumentException(
                "A job must give ReadStandardOutput exactly when its command writes standard output.", nameof(job));
        }
    }

    private static void CheckFiles(FfmpegCommand command)
    {
        IReadOnlyList<string> inputs = command.InputFiles;
        foreach (string input in inputs)
        {
            LocalMediaPath.EnsureFileExists(input);
        }

        foreach (string output in command.OutputFiles)
        {
            if (inputs.Contains(output, StringComparer.Ordinal))
            {
                throw new MediaInputException(
                    $"The output '{output}' is also an input; ffmpeg would overwrite it while reading it. Write to another file.");
            }

            string? folder = Path.GetDirectoryName(output);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
    }

    private string Locate(string tool)
    {
        (string configured, string optionName) = tool == Ffmpeg
            ? (Options.FfmpegPath, nameof(MediaOptions.FfmpegPath))
            : (Options.FfprobePath, nameof(MediaOptions.FfprobePath));
        return ExecutableLocator.Find(configured) ?? throw new FfmpegNotFoundException(tool, configured, optionName);
    }

    private string? ResolveLogPath(FfmpegJob job)
    {
        if (!job.WritesLog)
        {
            return null;
        }

        if (job.LogPath is not null)
        {
            return Path.GetFullPath(job.LogPath);
        }

        if (Options.LogDirectory is null)
        {
            return null;
        }

        var fileName = new StringBuilder(job.Name.Length + 4);
        foreach (char c in job.Name)
        {
            fileName.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return Path.GetFullPath(Path.Combine(Options.LogDirectory, fileName.Append(".log").ToString()));
    }

    private static StreamWriter? OpenLog(string? logPath, string jobName, string commandLine)
    {
        if (logPath is null)
        {
            return null;
        }

        string? folder = Path.GetDirectoryName(logPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var stream = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read);
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.WriteLine($"# {DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)} job {jobName}");
        writer.WriteLine($"# command: {commandLine}");
        writer.Flush();
        return writer;
    }

    private static async Task WriteLogLineAsync(StreamWriter? log, string line)
    {
        if (log is not null)
        {
            await log.WriteLineAsync(line).ConfigureAwait(false);
            await log.FlushAsync().ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadAllTextAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void ThrowOnFailure(
        string tool, ProcessOutcome outcome, string commandLine, string? logPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // ffmpeg's own failure explains a short read or a broken pipe better than the caller's callback does,
        // so it wins unless the process died because a callback failed and it was killed for that.
        if (outcome.ExitCode != 0 && !outcome.KilledByRunner)
        {
            throw new FfmpegException(tool, outcome.ExitCode, commandLine, outcome.StandardErrorTail, logPath);
        }

        outcome.CallbackFailure?.Throw();
        if (outcome.ExitCode != 0)
        {
            throw new FfmpegException(tool, outcome.ExitCode, commandLine, outcome.StandardErrorTail, logPath);
        }
    }

    private async Task<ProcessOutcome> RunProcessAsync(
        string tool,
        string executable,
        IReadOnlyList<string> arguments,
        Func<Stream, CancellationToken, Task>? writeInput,
        Func<Stream, CancellationToken, Task> readOutput,
        StreamWriter? stderrLog,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            string optionName = tool == Ffmpeg ? nameof(MediaOptions.FfmpegPath) : nameof(MediaOptions.FfprobePath);
            throw new FfmpegNotFoundException(tool, executable, optionName, exception);
        }

        var state = new RunState(process, Options.ErrorTailLines);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using CancellationTokenRegistration killOnStop = stop.Token.Register(state.KillTree);

        using var inputEnded = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);

        Task input = PumpInputAsync(state, writeInput, inputEnded, stop);
        Task output = GuardAsync(state, stop, () => DrainAfterAsync(readOutput, process.StandardOutput.BaseStream, stop.Token));
        Task errors = GuardAsync(state, stop, () => PumpErrorsAsync(state, process.StandardError, stderrLog));

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);

        // An input writer still waiting on its own source (the next frame) has nobody left to feed. The readers
        // keep their token: what ffmpeg wrote before exiting is still in the pipes.
        await inputEnded.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(input, output, errors).ConfigureAwait(false);
        return new ProcessOutcome(process.ExitCode, state.KilledByRunner, state.CallbackFailure, [.. state.StandardErrorTail]);
    }

    private static async Task PumpInputAsync(
        RunState state, Func<Stream, CancellationToken, Task>? writeInput, CancellationTokenSource inputEnded, CancellationTokenSource stop)
    {
        StreamWriter stdin = state.Process.StandardInput;
        if (writeInput is null)
        {
            stdin.Dispose();
            return;
        }

        var pipe = new WatchedPipeStream(stdin.BaseStream);
        try
        {
            await writeInput(pipe, inputEnded.Token).ConfigureAwait(false);
            await pipe.FlushAsync(inputEnded.Token).ConfigureAwait(false);
        }
        catch (IOException) when (pipe.PipeFailed)
        {
            // ffmpeg closed its input: it failed (its exit code says so) or needed no more (-frames, -t).
        }
        catch (OperationCanceledException) when (inputEnded.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            await state.FailAsync(exception, stop).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                stdin.Dispose();
            }
            catch (IOException)
            {
                // Closing flushes; a pipe ffmpeg already closed cannot take it and needs no end-of-file.
            }
        }
    }

    private static async Task GuardAsync(RunState state, CancellationTokenSource stop, Func<Task> pump)
    {
        try
        {
            await pump().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            await state.FailAsync(exception, stop).ConfigureAwait(false);
        }
    }

    private static async Task DrainAfterAsync(Func<Stream, CancellationToken, Task> readOutput, Stream stdout, CancellationToken cancellationToken)
    {
        await readOutput(stdout, cancellationToken).ConfigureAwait(false);
        try
        {
            await stdout.CopyToAsync(Stream.Null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The reader closed the pipe; ffmpeg cannot block on it any more.
        }
    }

    private static async Task PumpErrorsAsync(RunState state, StreamReader stderr, StreamWriter? log)
    {
        // Read to the end even after cancellation: the last lines are what explains a failure.
        while (await stderr.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            state.AddErrorLine(line);
            if (log is not null)
            {
                await log.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        if (log is not null)
        {
            await log.FlushAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "ffmpeg job {Job} starting: {CommandLine}")]
    private static partial void LogStarting(ILogger logger, string job, string commandLine);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ffmpeg job {Job} ended ({Ending}) after {Seconds:0.000} s")]
    private static partial void LogFinished(ILogger logger, string job, string ending, double seconds);

    private sealed record ProcessOutcome(
        int ExitCode, bool KilledByRunner, ExceptionDispatchInfo? CallbackFailure, IReadOnlyList<string> StandardErrorTail);

    /// <summary>What the pumps of one run share: the process, the stderr tail and the first callback failure.</summary>
    private sealed class RunState(Process process, int tailLines)
    {
        private readonly Lock _lock = new();
        private readonly Queue<string> _tail = new();

        public Process Process { get; } = process;

        public bool KilledByRunner { get; private set; }

        public ExceptionDispatchInfo? CallbackFailure { get; private set; }

        public IReadOnlyList<string> StandardErrorTail
        {
            get
            {
                lock (_lock)
                {
                    return [.. _tail];
                }
            }
        }

        public void AddErrorLine(string line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            lock (_lock)
            {
                _tail.Enqueue(line);
                if (_tail.Count > tailLines)
                {
                    _tail.Dequeue();
                }
            }
        }

        public async Task FailAsync(Exception exception, CancellationTokenSource stop)
        {
            lock (_lock)
            {
                CallbackFailure ??= ExceptionDispatchInfo.Capture(exception);
            }

            await stop.CancelAsync().ConfigureAwait(false);
        }

        public void KillTree()
        {
            try
            {
                if (!Process.HasExited)
                {
                    KilledByRunner = true;
                    Process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
            catch (Win32Exception)
            {
                // Already gone; nothing left to kill.
            }
        }
    }
}
