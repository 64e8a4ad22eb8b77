using System.Globalization;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Tests.Ffmpeg;

public sealed class MediaProbeTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ProbeAsync_GeneratedClip_ReportsDurationAndStreams()
    {
        string clip = await TestClips.MakeTwoSecondClipAsync(_runner, _temp.File("clip.mp4"));

        MediaProbe probe = await _runner.ProbeAsync(clip);

        Assert.Contains("mp4", probe.FormatName, StringComparison.Ordinal);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, 1.95, 2.1);
        Assert.Equal(new FileInfo(clip).Length, probe.SizeBytes);
        Assert.Equal(2, probe.Streams.Count);
        MediaStreamInfo video = Assert.IsType<MediaStreamInfo>(probe.Video);
        Assert.Equal(MediaStreamKind.Video, video.Kind);
        Assert.Equal("h264", video.CodecName);
        Assert.Equal((64, 48), (video.Width, video.Height));
        Assert.Equal(24.0, video.FrameRate);
        Assert.Equal(48, video.FrameCount);
        Assert.Equal("yuv420p", video.PixelFormat);
        MediaStreamInfo audio = Assert.IsType<MediaStreamInfo>(probe.Audio);
        Assert.Equal("aac", audio.CodecName);
        Assert.Equal(48000, audio.SampleRate);
        Assert.Equal(1, audio.Channels);
    }

    [Fact]
    public async Task ProbeAsync_ParsesNumbersInvariantly_UnderACommaDecimalCulture()
    {
        string clip = await TestClips.MakeTwoSecondClipAsync(_runner, _temp.File("clip.mp4"));
        CultureInfo original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            MediaProbe probe = await _runner.ProbeAsync(clip);

            Assert.InRange(probe.Duration!.Value.TotalSeconds, 1.95, 2.1);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public async Task ProbeAsync_NotMedia_ThrowsMediaInputExceptionNamingTheFile()
    {
        string file = _temp.File("notes.wav");
        await File.WriteAllTextAsync(file, "this is not audio at all, just words");

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _runner.ProbeAsync(file));

        Assert.Contains("'notes.wav' could not be read as media", error.Message, StringComparison.Ordinal);
        Assert.IsType<FfmpegException>(error.InnerException);
    }

    [Fact]
    public async Task ProbeAsync_Url_IsRefused()
    {
        await Assert.ThrowsAsync<MediaInputException>(() => _runner.ProbeAsync("https://example.com/a.mp4"));
    }
}
