using System.Runtime.CompilerServices;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Media.Video;

namespace ExplainerStudio.Media.Tests.Video;

public sealed class RawVideoEncoderTests : IDisposable
{
    private static readonly RawVideoFormat Format = new(64, 48, 24);
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner;
    private readonly RawVideoEncoder _encoder;

    public RawVideoEncoderTests()
    {
        _runner = new FfmpegRunner(new MediaOptions { LogDirectory = _temp.File("logs") });
        _encoder = new RawVideoEncoder(_runner);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task EncodeAsync_ThenProbe_GivesTheExpectedDurationFrameCountAndSize()
    {
        string output = _temp.File("out/clip.mp4");
        var progress = new CollectingProgress<FfmpegProgress>();
        var options = new RawVideoEncodeOptions { ExpectedFrameCount = 30, Progress = progress, JobName = "clip-encode" };

        VideoEncodeResult result = await _encoder.EncodeAsync(Format, FlatFrames(30, 15), output, options);
        MediaProbe probe = await _runner.ProbeAsync(output);

        Assert.Equal(output, result.Path);
        Assert.Equal(30, result.FrameCount);
        Assert.Equal(TimeSpan.FromSeconds(1.25), result.Duration);
        Assert.Equal(new FileInfo(output).Length, result.SizeBytes);
        MediaStreamInfo video = Assert.IsType<MediaStreamInfo>(probe.Video);
        Assert.Equal(("h264", "yuv420p", 64, 48), (video.CodecName, video.PixelFormat, video.Width, video.Height));
        Assert.Equal(30, video.FrameCount);
        Assert.Equal(24.0, video.FrameRate);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, 1.25 - (1 / 24.0), 1.25 + (1 / 24.0));
        Assert.Null(probe.Audio);
        FfmpegProgress last = progress.Reports[^1];
        Assert.True(last.IsEnd);
        Assert.Equal(30, last.Frame);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal(["clip.mp4"], Directory.GetFiles(_temp.File("out")).Select(Path.GetFileName));
        Assert.True(File.Exists(_temp.File("logs/clip-encode.log")));
    }

    [Fact]
    public async Task EncodeAsync_KeepsColours_AsReadBackByTheFrameExtractor()
    {
        string output = _temp.File("colours.mp4");
        await _encoder.EncodeAsync(Format, ImageFrames(24), output);
        var extractor = new VideoFrameExtractor(_runner);

        RgbImage first = await extractor.ExtractFrameAsync(output, TimeSpan.Zero);
        RgbImage late = await extractor.ExtractFrameAsync(output, TimeSpan.FromSeconds(0.8));

        Assert.Equal((64, 48), (first.Width, first.Height));
        TestImages.AssertColor(TestImages.Red, first.GetPixel(16, 12), 10);
        TestImages.AssertColor(TestImages.Yellow, first.GetPixel(48, 36), 10);
        TestImages.AssertColor(TestImages.Blue, late.GetPixel(32, 24), 10);
    }

    [Fact]
    public async Task EncodeAsync_Cancelled_LeavesNoFile()
    {
        using var cancellation = new CancellationTokenSource();
        string output = _temp.File("cancelled/clip.mp4");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _encoder.EncodeAsync(Format, EndlessFrames(cancelAfter: 10, cancellation), output, cancellationToken: cancellation.Token));

        Assert.Empty(Directory.GetFiles(_temp.File("cancelled")));
    }

    [Fact]
    public async Task EncodeAsync_WrongFrameSize_FailsAndKeepsThePreviousFile()
    {
        string output = _temp.File("keep.mp4");
        await File.WriteAllTextAsync(output, "previous version");

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(
            () => _encoder.EncodeAsync(Format, Frames(new byte[Format.FrameSize], new byte[100]), output));

        Assert.Contains("Frame 1 has 100 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal("previous version", await File.ReadAllTextAsync(output));
        Assert.Equal(["keep.mp4"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task EncodeAsync_NoFrames_FailsAndLeavesNoFile()
    {
        string output = _temp.File("empty/none.mp4");

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _encoder.EncodeAsync(Format, Frames(), output));

        Assert.Contains("no frames", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.File("empty")));
    }

    [Fact]
    public void RawVideoFormat_OddSize_IsRejected()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new RawVideoFormat(63, 48, 24));

        Assert.Contains("63x48", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncodeAsync_UnknownPreset_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => _encoder.EncodeAsync(Format, Frames(), _temp.File("x.mp4"), new RawVideoEncodeOptions { Preset = "ludicrous" }));
    }

    /// <summary>Red frames, then blue from <paramref name="switchAt"/>.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> FlatFrames(int count, int switchAt)
    {
        byte[] frame = new byte[Format.FrameSize];
        for (int i = 0; i < count; i++)
        {
            (byte r, byte g, byte b) = i < switchAt ? TestImages.Red : TestImages.Blue;
            for (int p = 0; p < frame.Length; p += 3)
            {
                frame[p] = r;
                frame[p + 1] = g;
                frame[p + 2] = b;
            }

            await Task.Yield();
            yield return frame;
        }
    }

    /// <summary>The quadrant picture for the first half second, then flat blue.</summary>
    private static async IAsyncEnumerable<RgbImage> ImageFrames(int count)
    {
        RgbImage quadrants = TestImages.Quadrants();
        var blue = new RgbImage(64, 48);
        for (int p = 0; p < blue.Pixels.Length; p += 3)
        {
            (blue.Pixels[p], blue.Pixels[p + 1], blue.Pixels[p + 2]) = TestImages.Blue;
        }

        for (int i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i < 12 ? quadrants : blue;
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> EndlessFrames(
        int cancelAfter, CancellationTokenSource cancellation, [EnumeratorCancellation] CancellationToken token = default)
    {
        byte[] frame = new byte[Format.FrameSize];
        for (int i = 0; ; i++)
        {
            if (i == cancelAfter)
            {
                await cancellation.CancelAsync();
            }

            token.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return frame;
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(params byte[][] frames)
    {
        foreach (byte[] frame in frames)
        {
            await Task.Yield();
            yield return frame;
        }
    }
}
