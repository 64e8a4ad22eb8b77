using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Speech;

namespace ExplainerStudio.Media.Tests.Speech;

public sealed class EspeakSpeechSynthesizerTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());
    private readonly EspeakSpeechSynthesizer _speech;

    public EspeakSpeechSynthesizerTests()
    {
        _speech = new EspeakSpeechSynthesizer(_runner, new SpeechOptions { CacheDirectory = _temp.File("speech") });
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SynthesizeAsync_WritesAWav_WithItsProbedDuration_ThenServesItFromCache()
    {
        var voice = new VoiceSettings("en-us", 50, 175);

        SpeechClip first = await _speech.SynthesizeAsync("Diffusion turns noise into pictures.", voice);
        SpeechClip second = await _speech.SynthesizeAsync("  Diffusion turns noise into pictures. ", voice);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(1, _speech.SynthesisCount);
        Assert.Equal(first.Path, _speech.CachedFilePath(EspeakSpeechSynthesizer.CacheKey("Diffusion turns noise into pictures.", voice)));
        Assert.Equal(first.Path, second.Path);
        Assert.InRange(first.Duration.TotalSeconds, 1, 5);
        MediaProbe probe = await _runner.ProbeAsync(first.Path);
        Assert.Equal("wav", probe.FormatName);
        Assert.Equal([first.CacheKey + ".wav"], Directory.GetFiles(_temp.File("speech")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SynthesizeAsync_SlowerRate_GivesLongerSpeech_InANewFile()
    {
        const string text = "The same words at two speeds.";

        SpeechClip fast = await _speech.SynthesizeAsync(text, new VoiceSettings("en", 50, 300));
        SpeechClip slow = await _speech.SynthesizeAsync(text, new VoiceSettings("en", 50, 100));

        Assert.NotEqual(fast.Path, slow.Path);
        Assert.True(slow.Duration > fast.Duration * 2);
    }

    [Fact]
    public void CacheKey_ChangesWithTextAndEveryVoiceSetting()
    {
        var voice = new VoiceSettings("en", 50, 175);
        string key = EspeakSpeechSynthesizer.CacheKey("Hello", voice);

        Assert.Equal(key, EspeakSpeechSynthesizer.CacheKey("Hello", voice with { Voice = "EN" }));
        Assert.NotEqual(key, EspeakSpeechSynthesizer.CacheKey("Hello!", voice));
        Assert.NotEqual(key, EspeakSpeechSynthesizer.CacheKey("Hello", voice with { Voice = "en+f3" }));
        Assert.NotEqual(key, EspeakSpeechSynthesizer.CacheKey("Hello", voice with { Pitch = 51 }));
        Assert.NotEqual(key, EspeakSpeechSynthesizer.CacheKey("Hello", voice with { Rate = 176 }));
    }

    [Theory]
    [InlineData("en+f3")]
    [InlineData("en-gb")]
    [InlineData("gmw/en-US")]
    public async Task ValidateVoiceAsync_AcceptsInstalledVoicesAndVariants(string voice)
    {
        await _speech.ValidateVoiceAsync(new VoiceSettings(voice));
    }

    [Theory]
    [InlineData("zz-nowhere", "no voice 'zz-nowhere'")]
    [InlineData("en+robot9", "no voice variant 'robot9'")]
    [InlineData("", "is not a voice name")]
    public async Task SynthesizeAsync_UnknownVoice_IsRefused_AndWritesNothing(string voice, string message)
    {
        SpeechException error = await Assert.ThrowsAsync<SpeechException>(
            () => _speech.SynthesizeAsync("Hello", new VoiceSettings(voice)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("speech")) && Directory.EnumerateFileSystemEntries(_temp.File("speech")).Any());
    }

    [Theory]
    [InlineData(100, 175, "Pitch 100")]
    [InlineData(50, 20, "Rate 20")]
    public async Task SynthesizeAsync_PitchOrRateOutOfRange_IsRefused(int pitch, int rate, string message)
    {
        SpeechException error = await Assert.ThrowsAsync<SpeechException>(
            () => _speech.SynthesizeAsync("Hello", new VoiceSettings("en", pitch, rate)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SynthesizeAsync_WithoutEspeak_SaysHowToInstallIt()
    {
        var missing = new EspeakSpeechSynthesizer(_runner, new SpeechOptions { CacheDirectory = _temp.File("speech"), EspeakPath = _temp.File("no/espeak-ng") });

        SpeechException error = await Assert.ThrowsAsync<SpeechException>(() => missing.SynthesizeAsync("Hello", new VoiceSettings("en")));

        Assert.Contains("apt-get install espeak-ng", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SynthesizeAsync_EmptyText_IsRefused()
    {
        await Assert.ThrowsAsync<SpeechException>(() => _speech.SynthesizeAsync("   ", new VoiceSettings("en")));
    }
}
