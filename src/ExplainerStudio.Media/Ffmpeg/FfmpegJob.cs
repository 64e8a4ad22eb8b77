namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// One ffmpeg run: the command plus how to run it (log, progress, and the callers of standard input and
/// output when the command uses them).
/// </summary>
public sealed class FfmpegJob
{
    /// <summary>Creates a job.</summary>
    /// <param name="name">
    /// A short name for logs, such as <c>export-42</c>; it names the log file when <see cref="LogPath"/> is not set.
    /// </param>
    /// <param name="command">The arguments to run.</param>
    public FfmpegJob(string name, FfmpegCommand command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(command);
        Name = name;
        Command = command;
    }

    /// <summary>The job's name for logs.</summary>
    public string Name { get; }

    /// <summary>The arguments to run.</summary>
    public FfmpegCommand Command { get; }

    /// <summary>
    /// The log file for this run (appended to). When null, <see cref="MediaOptions.LogDirectory"/> with
    /// <c>&lt;name&gt;.log</c> is used, and no log is written when that is not set either.
    /// </summary>
    public string? LogPath { get; init; }

    /// <summary>
    /// False to write no log file at all, for short and frequent runs (such as decoding one image) whose errors
    /// carry ffmpeg's last lines anyway. True by default.
    /// </summary>
    public bool WritesLog { get; init; } = true;

    /// <summary>The output's expected duration; when given, progress reports carry a fraction.</summary>
    public TimeSpan? ExpectedDuration { get; init; }

    /// <summary>Receives progress reports; unused when the command writes to standard output.</summary>
    public IProgress<FfmpegProgress>? Progress { get; init; }

    /// <summary>
    /// Writes ffmpeg's standard input; required exactly when the command reads it. The stream is closed when
    /// the delegate returns, which tells ffmpeg that the input has ended. A write can fail with an
    /// <see cref="IOException"/> when ffmpeg stops early; the run then reports ffmpeg's own error.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? WriteStandardInput { get; init; }

    /// <summary>
    /// Reads ffmpeg's standard output; required exactly when the command writes to it. Whatever the delegate
    /// leaves unread is drained so that ffmpeg never blocks. It should not throw on short data: the run's
    /// exit code and stderr explain a short output better, and are checked first.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? ReadStandardOutput { get; init; }
}
