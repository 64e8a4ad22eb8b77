using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Media.Video;

namespace ExplainerStudio.Media.Tests.Video;

public sealed class VideoFrameExtractorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());
    private readonly VideoFrameExtractor _extractor;

    public VideoFrameExtractorTests()
    {
        _extractor = new VideoFrameExtractor(_runner);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ExtractFrameAsync_PastTheEnd_SaysHowLongTheVideoIs()
    {
        string clip = await TestClips.MakeTwoSecondClipAsync(_runner, _temp.File("clip.mp4"));

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _extractor.ExtractFrameAsync(clip, TimeSpan.FromSeconds(10)));

        Assert.Contains("has no frame at 10 s; the video is 2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractFrameAsync_RotatedVideo_ReturnsTheUprightSize()
    {
        string clip = await TestClips.MakeTwoSecondClipAsync(_runner, _temp.File("clip.mp4"));
        string rotated = _temp.File("rotated.mp4");
        FfmpegCommand command = new FfmpegCommand().AddInput(clip).AddOutput(rotated, "-c", "copy", "-metadata:s:v", "rotate=90");
        await _runner.RunAsync(new FfmpegJob("rotate", command) { WritesLog = false });

        MediaProbe probe = await _runner.ProbeAsync(rotated);
        RgbImage frame = await _extractor.ExtractFrameAsync(rotated, TimeSpan.FromSeconds(1));

        Assert.Equal(90, Math.Abs(probe.Video!.Rotation));
        Assert.Equal((48, 64), (frame.Width, frame.Height));
    }

    [Fact]
    public async Task ExtractFrameToFitAsync_ShrinksToTheBox()
    {
        string clip = await TestClips.MakeTwoSecondClipAsync(_runner, _temp.File("clip.mp4"));

        RgbImage thumbnail = await _extractor.ExtractFrameToFitAsync(clip, TimeSpan.FromSeconds(0.5), 32, 32);

        Assert.Equal((32, 24), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public async Task ExtractFrameAsync_AudioOnlyFile_SaysThereIsNoVideo()
    {
        string wav = _temp.File("tone.wav");
        await _runner.RunAsync(new FfmpegJob("wav", new FfmpegCommand().AddGeneratedInput("sine=duration=0.2").AddOutput(wav)) { WritesLog = false });

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _extractor.ExtractFrameAsync(wav, TimeSpan.Zero));

        Assert.Equal("'tone.wav' has no video stream.", error.Message);
    }
}
