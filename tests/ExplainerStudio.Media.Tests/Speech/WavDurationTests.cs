using System.Globalization;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Speech;

namespace ExplainerStudio.Media.Tests.Speech;

public sealed class WavDurationTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task EspeakWav_HeaderDuration_EqualsWhatFfprobeMeasures()
    {
        var speech = new EspeakSpeechSynthesizer(_runner, new SpeechOptions { CacheDirectory = _temp.File("speech") });
        SpeechClip clip = await speech.SynthesizeAsync("Reading the header is enough to time a line.", new VoiceSettings("en-us"));

        TimeSpan? header = WavDuration.TryRead(clip.Path);
        MediaProbe probe = await _runner.ProbeAsync(clip.Path);

        Assert.NotNull(header);
        Assert.Equal(probe.Duration!.Value.TotalSeconds, header.Value.TotalSeconds, 0.001);
        Assert.Equal(header.Value, clip.Duration);
    }

    [Theory]
    [InlineData("pcm_s16le", 48000, 2, 1.5)]
    [InlineData("pcm_f32le", 22050, 1, 0.75)]
    public async Task FfmpegWav_WithOtherChunksAndFormats_IsTimedLikeFfprobe(string codec, int rate, int channels, double seconds)
    {
        string path = _temp.File($"{codec}.wav");
        await _runner.RunAsync(new FfmpegJob("wav", new FfmpegCommand()
            .AddGeneratedInput(string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:sample_rate={rate}:duration={seconds}"))
            .AddOutput(path, "-ac", channels.ToString(CultureInfo.InvariantCulture), "-c:a", codec, "-metadata", "title=padding chunk")) { WritesLog = false });

        TimeSpan? header = WavDuration.TryRead(path);
        MediaProbe probe = await _runner.ProbeAsync(path);

        Assert.NotNull(header);
        Assert.Equal(probe.Duration!.Value.TotalSeconds, header.Value.TotalSeconds, 0.001);
        Assert.Equal(seconds, header.Value.TotalSeconds, 0.01);
    }

    [Fact]
    public async Task CompressedOrForeignFile_IsNotTimed_SoTheCallerFallsBackToFfprobe()
    {
        string mp3 = _temp.File("line.mp3");
        await _runner.RunAsync(new FfmpegJob("mp3", new FfmpegCommand()
            .AddGeneratedInput("sine=frequency=440:duration=1")
            .AddOutput(mp3, "-c:a", "libmp3lame")) { WritesLog = false });
        string text = _temp.File("notes.wav");
        await File.WriteAllTextAsync(text, "RIFF but not really a wave file at all");

        Assert.Null(WavDuration.TryRead(mp3));
        Assert.Null(WavDuration.TryRead(text));
    }
}
