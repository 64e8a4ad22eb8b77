using System.Globalization;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Tests.Ffmpeg;

public sealed class FfmpegRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner;

    public FfmpegRunnerTests()
    {
        _runner = new FfmpegRunner(new MediaOptions { LogDirectory = _temp.File("logs") });
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_ReportsProgressOfARealEncode_UpToTheEnd()
    {
        var progress = new CollectingProgress<FfmpegProgress>();
        var job = new FfmpegJob("encode-test", TestClips.TwoSecondClipCommand(_temp.File("clip.mp4")))
        {
            ExpectedDuration = TimeSpan.FromSeconds(2),
            Progress = progress,
        };

        FfmpegResult result = await _runner.RunAsync(job);

        IReadOnlyList<FfmpegProgress> reports = progress.Reports;
        Assert.NotEmpty(reports);
        FfmpegProgress last = reports[^1];
        Assert.True(last.IsEnd);
        Assert.Equal(48, last.Frame);
        Assert.Equal(1.0, last.Fraction);
        Assert.InRange(last.OutTime!.Value.TotalSeconds, 1.5, 2.1);
        Assert.Equal(last, result.LastProgress);
        Assert.All(reports, report => Assert.InRange(report.Fraction!.Value, 0.0, 1.0));
        Assert.Equal(reports.Select(report => report.Fraction), reports.Select(report => report.Fraction).Order());
        Assert.True(new FileInfo(_temp.File("clip.mp4")).Length > 0);
    }

    [Fact]
    public async Task RunAsync_WritesJobLog_WithExactCommandLineAndStderr()
    {
        var job = new FfmpegJob("log/test 1", TestClips.TwoSecondClipCommand(_temp.File("with space.mp4")));

        FfmpegResult result = await _runner.RunAsync(job);

        Assert.Equal(_temp.File("logs/log_test_1.log"), result.LogPath);
        string log = await File.ReadAllTextAsync(result.LogPath!);
        Assert.Contains($"# command: {result.CommandLine}", log, StringComparison.Ordinal);
        Assert.Contains(" -nostdin -hide_banner -nostats -y -progress pipe:1 ", result.CommandLine, StringComparison.Ordinal);
        Assert.Contains($"'{_temp.File("with space.mp4")}'", result.CommandLine, StringComparison.Ordinal);
        Assert.Contains("Output #0, mp4", log, StringComparison.Ordinal);
        Assert.Contains("# exit code 0 after", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadArgument_ThrowsFfmpegExceptionWithExitCodeAndStderrTail()
    {
        FfmpegCommand command = TestClips.TwoSecondClipCommand(_temp.File("never.mp4")).WithOptions("-no_such_option", "1");

        FfmpegException error = await Assert.ThrowsAsync<FfmpegException>(() => _runner.RunAsync(new FfmpegJob("bad-argument", command)));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Equal("ffmpeg", error.Tool);
        Assert.Contains(error.StandardErrorTail, line => line.Contains("Unrecognized option 'no_such_option'", StringComparison.Ordinal));
        Assert.Contains("Unrecognized option 'no_such_option'", error.Message, StringComparison.Ordinal);
        Assert.Contains("-no_such_option", error.CommandLine, StringComparison.Ordinal);
        string log = await File.ReadAllTextAsync(error.LogPath!);
        Assert.Contains("Unrecognized option 'no_such_option'", log, StringComparison.Ordinal);
        Assert.Contains($"# exit code {error.ExitCode.ToString(CultureInfo.InvariantCulture)}", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheProcessAndThrowsOperationCanceled()
    {
        string marker = _temp.File("endless.nut");
        FfmpegCommand command = new FfmpegCommand()
            .AddGeneratedInput("testsrc=size=64x48:rate=24", "-re")
            .AddOutput(marker, "-f", "null");
        using var cancellation = new CancellationTokenSource();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = new FfmpegJob("cancel-test", command) { Progress = new CollectingProgress<FfmpegProgress>(_ => running.TrySetResult()) };

        Task<FfmpegResult> run = _runner.RunAsync(job, cancellation.Token);
        await running.Task.WaitAsync(TimeSpan.FromMinutes(1));
        int processId = Assert.Single(ProcessesWithArgument(marker));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(Directory.Exists($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}"));
        Assert.Empty(ProcessesWithArgument(marker));
        Assert.Contains("# cancelled; process tree killed", await File.ReadAllTextAsync(_temp.File("logs/cancel-test.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailingInputWriter_KillsFfmpegAndRethrowsTheWritersError()
    {
        string output = _temp.File("half.mp4");
        FfmpegCommand command = new FfmpegCommand()
            .AddStandardInput("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "16x16", "-r", "24")
            .AddOutput(output, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "mp4");
        var job = new FfmpegJob("writer-fails", command)
        {
            WriteStandardInput = async (stdin, token) =>
            {
                await stdin.WriteAsync(new byte[16 * 16 * 3 * 5], token);
                throw new InvalidOperationException("frame source broke");
            },
        };

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => _runner.RunAsync(job));

        Assert.Equal("frame source broke", error.Message);
        Assert.Empty(ProcessesWithArgument(output));
    }

    [Fact]
    public async Task RunAsync_PipesRawFramesThroughStandardInputAndOutput()
    {
        byte[] frame = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30];
        byte[] received = new byte[frame.Length + 1];
        int receivedCount = 0;
        FfmpegCommand command = new FfmpegCommand()
            .AddStandardInput("-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "4x1", "-r", "1")
            .AddStandardOutput("-vf", "hflip", "-f", "rawvideo", "-pix_fmt", "rgb24");
        var job = new FfmpegJob("pipes", command)
        {
            WriteStandardInput = (stdin, token) => stdin.WriteAsync(frame, token).AsTask(),
            ReadStandardOutput = async (stdout, token) => receivedCount = await stdout.ReadAtLeastAsync(received, received.Length, throwOnEndOfStream: false, token),
        };

        FfmpegResult result = await _runner.RunAsync(job);

        Assert.Equal(frame.Length, receivedCount);
        Assert.Equal([10, 20, 30, 0, 0, 255, 0, 255, 0, 255, 0, 0], received[..receivedCount]);
        Assert.Null(result.LastProgress);
        Assert.DoesNotContain("-progress", result.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingFfmpeg_SaysHowToInstallIt()
    {
        var runner = new FfmpegRunner(new MediaOptions { FfmpegPath = _temp.File("bin/ffmpeg") });

        FfmpegNotFoundException error = await Assert.ThrowsAsync<FfmpegNotFoundException>(
            () => runner.RunAsync(new FfmpegJob("missing", TestClips.TwoSecondClipCommand(_temp.File("x.mp4")))));

        Assert.Equal("ffmpeg", error.Tool);
        Assert.Contains("sudo apt-get install ffmpeg", error.Message, StringComparison.Ordinal);
        Assert.Contains("Media:FfmpegPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(_temp.File("bin/ffmpeg"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_FfprobeNotOnPath_SaysHowToInstallIt()
    {
        var runner = new FfmpegRunner(new MediaOptions { FfprobePath = "ffprobe-that-is-not-installed" });
        string file = _temp.File("any.txt");
        await File.WriteAllTextAsync(file, "x");

        FfmpegNotFoundException error = await Assert.ThrowsAsync<FfmpegNotFoundException>(() => runner.ProbeAsync(file));

        Assert.Contains("on PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install ffmpeg", error.Message, StringComparison.Ordinal);
        Assert.Contains("Media:FfprobePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersionAsync_ReturnsFfmpegsVersionLine()
    {
        string version = await _runner.GetVersionAsync();

        Assert.StartsWith("ffmpeg version ", version, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.com/clip.mp4")]
    [InlineData("file:///etc/passwd")]
    [InlineData("concat:a.mp4|b.mp4")]
    public void AddInput_Url_IsRefused(string url)
    {
        MediaInputException error = Assert.Throws<MediaInputException>(() => new FfmpegCommand().AddInput(url));

        Assert.Contains("only local files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddGeneratedInput_MovieSource_IsRefused()
    {
        Assert.Throws<MediaInputException>(() => new FfmpegCommand().AddGeneratedInput("movie=/etc/passwd"));
    }

    [Fact]
    public void WithOptions_InputOption_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new FfmpegCommand().WithOptions("-i", "http://example.com/a.mp4"));
    }

    [Fact]
    public void BuildArguments_PutsProtocolWhitelistBeforeEveryInput()
    {
        string file = _temp.File("in.wav");
        File.WriteAllBytes(file, [1]);
        IReadOnlyList<string> arguments = new FfmpegCommand()
            .AddInput(file, "-ss", FfmpegValue.Seconds(TimeSpan.FromSeconds(1.5)))
            .AddGeneratedInput("anullsrc")
            .AddOutput(_temp.File("out.wav"))
            .BuildArguments();

        Assert.Equal(
            [
                "-nostdin", "-hide_banner", "-nostats", "-y", "-progress", "pipe:1",
                "-ss", "1.500000", "-protocol_whitelist", "file,pipe", "-i", file,
                "-f", "lavfi", "-protocol_whitelist", "file,pipe", "-i", "anullsrc",
                _temp.File("out.wav"),
            ],
            arguments);
    }

    [Fact]
    public async Task RunAsync_MissingInputFile_IsRefusedBeforeStarting()
    {
        FfmpegCommand command = new FfmpegCommand().AddInput(_temp.File("gone.mp4")).AddOutput(_temp.File("out.mp4"));

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _runner.RunAsync(new FfmpegJob("missing-input", command)));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OutputThatIsAlsoAnInput_IsRefused()
    {
        string file = _temp.File("same.mp4");
        await File.WriteAllBytesAsync(file, [0]);
        FfmpegCommand command = new FfmpegCommand().AddInput(file).AddOutput(file);

        await Assert.ThrowsAsync<MediaInputException>(() => _runner.RunAsync(new FfmpegJob("same-file", command)));
        Assert.Equal([0], await File.ReadAllBytesAsync(file));
    }

    private static List<int> ProcessesWithArgument(string argument)
    {
        var found = new List<int>();
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                continue;
            }

            try
            {
                string[] commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
                if (commandLine.Contains(argument))
                {
                    found.Add(id);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
