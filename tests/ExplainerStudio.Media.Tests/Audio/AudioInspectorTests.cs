using ExplainerStudio.Media.Audio;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Tests.Audio;

public sealed class AudioInspectorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());
    private readonly AudioInspector _inspector;

    public AudioInspectorTests()
    {
        _inspector = new AudioInspector(_runner);
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("tone.wav", "pcm_s16le")]
    [InlineData("tone.mp3", "mp3")]
    [InlineData("tone.m4a", "aac")]
    [InlineData("tone.ogg", "vorbis")]
    public async Task InspectAsync_AcceptsRecordedFormats_WithTheirDecodedDuration(string name, string codec)
    {
        string path = await MakeAsync(name, "sine=frequency=300:sample_rate=44100:duration=2");

        AudioInfo info = await _inspector.InspectAsync(path);

        Assert.Equal(codec, info.CodecName);
        Assert.InRange(info.Duration.TotalSeconds, 1.9, 2.1);
        Assert.Equal(44100, info.SampleRate);
        Assert.InRange(info.PeakDecibels, -30, 0);
    }

    [Fact]
    public async Task InspectAsync_TextFileNamedWav_IsRefusedAsNotMedia()
    {
        string path = _temp.File("notes.wav");
        await File.WriteAllTextAsync(path, "this is not audio at all");

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _inspector.InspectAsync(path));

        Assert.Contains("notes.wav", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_VideoWithoutSound_IsRefusedAsHavingNoAudio()
    {
        string path = _temp.File("picture.mp4");
        await _runner.RunAsync(new FfmpegJob("make", new FfmpegCommand()
            .AddGeneratedInput("testsrc=size=32x32:rate=10:duration=1")
            .AddOutput(path, "-c:v", "libx264", "-preset", "ultrafast")));

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _inspector.InspectAsync(path));

        Assert.Contains("has no audio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_TruncatedWav_IsRefusedAsTruncated()
    {
        string whole = await MakeAsync("whole.wav", "sine=frequency=300:sample_rate=16000:duration=4");
        byte[] bytes = await File.ReadAllBytesAsync(whole);
        string path = _temp.File("cut.wav");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 3)]);

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _inspector.InspectAsync(path));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_SilenceOnly_IsRefused()
    {
        string path = await MakeAsync("quiet.wav", "anullsrc=r=16000:cl=mono:d=2");

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => _inspector.InspectAsync(path));

        Assert.Contains("silent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_LongerThanTheLimit_IsRefusedBeforeDecoding()
    {
        string path = await MakeAsync("long.wav", "sine=frequency=300:sample_rate=8000:duration=3");

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(
            () => _inspector.InspectAsync(path, new AudioLimits(TimeSpan.FromSeconds(2), -60)));

        Assert.Contains("longest accepted is 00:00:02", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> MakeAsync(string name, string source)
    {
        string path = _temp.File(name);
        await _runner.RunAsync(new FfmpegJob("make", new FfmpegCommand().AddGeneratedInput(source).AddOutput(path)));
        return path;
    }
}
