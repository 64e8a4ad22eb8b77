using ExplainerStudio.Media.Audio;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Speech;

namespace ExplainerStudio.Media.Tests.Audio;

public sealed class VoiceOverSplitterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SplitAsync_SpeechWithKnownPauses_FindsOneSegmentPerSentence()
    {
        var speech = new EspeakSpeechSynthesizer(_runner, new SpeechOptions { CacheDirectory = _temp.File("speech") });
        var voice = new VoiceSettings("en-us", 50, 180);
        SpeechClip[] sentences =
        [
            await speech.SynthesizeAsync("The model starts from noise.", voice),
            await speech.SynthesizeAsync("Each step removes a little of it.", voice),
            await speech.SynthesizeAsync("A picture appears.", voice),
        ];
        string voiceOver = _temp.File("voiceover.wav");
        FfmpegCommand command = new FfmpegCommand()
            .AddInput(sentences[0].Path).AddGeneratedInput("anullsrc=r=22050:cl=mono:d=1.2")
            .AddInput(sentences[1].Path).AddGeneratedInput("anullsrc=r=22050:cl=mono:d=1.2")
            .AddInput(sentences[2].Path)
            .WithOptions("-filter_complex", "[0:a][1:a][2:a][3:a][4:a]concat=n=5:v=0:a=1[out]")
            .AddOutput(voiceOver, "-map", "[out]");
        await _runner.RunAsync(new FfmpegJob("make", command));

        IReadOnlyList<VoiceOverSegment> segments = await new VoiceOverSplitter(_runner).SplitAsync(voiceOver);

        Assert.Equal(3, segments.Count);
        TimeSpan secondStart = sentences[0].Duration + TimeSpan.FromSeconds(1.2);
        Assert.InRange(segments[0].Start.TotalSeconds, 0, 0.3);
        Assert.InRange(segments[1].Start.TotalSeconds, secondStart.TotalSeconds - 0.05, secondStart.TotalSeconds + 0.4);
        Assert.InRange(segments[1].Duration.TotalSeconds, sentences[1].Duration.TotalSeconds - 0.6, sentences[1].Duration.TotalSeconds + 0.1);
        Assert.True(segments[0].End < segments[1].Start && segments[1].End < segments[2].Start);

        string piece = await new VoiceOverSplitter(_runner).ExtractAsync(voiceOver, segments[1], _temp.File("line2.wav"));
        MediaProbe probe = await _runner.ProbeAsync(piece);
        Assert.Equal(segments[1].Duration.TotalSeconds, probe.Duration!.Value.TotalSeconds, 0.05);
        Assert.Equal(48000, probe.Audio!.SampleRate);
    }

    [Fact]
    public async Task SplitAsync_SilenceOnly_IsRefused()
    {
        string path = _temp.File("silence.wav");
        await _runner.RunAsync(new FfmpegJob("make", new FfmpegCommand().AddGeneratedInput("anullsrc=r=8000:cl=mono:d=2").AddOutput(path)));

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => new VoiceOverSplitter(_runner).SplitAsync(path));

        Assert.Contains("silent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SplitAsync_LongerThanAnHour_IsRefused()
    {
        string path = _temp.File("long.wav");
        await _runner.RunAsync(new FfmpegJob("make", new FfmpegCommand()
            .AddGeneratedInput("anullsrc=r=200:cl=mono:d=3601")
            .AddOutput(path, "-c:a", "pcm_u8")));

        MediaInputException error = await Assert.ThrowsAsync<MediaInputException>(() => new VoiceOverSplitter(_runner).SplitAsync(path));

        Assert.Contains("longest accepted is 01:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segments_ParsesSilenceStartsAndEnds_DroppingClicks()
    {
        const string metadata = """
            frame:10 pts:100 pts_time:1.0
            lavfi.silence_start=1.5
            frame:20 pts:200 pts_time:2.5
            lavfi.silence_end=2.5
            lavfi.silence_duration=1
            lavfi.silence_start=2.6
            lavfi.silence_end=4
            """;

        IReadOnlyList<VoiceOverSegment> segments = VoiceOverSplitter.Segments(metadata, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(0.15));

        Assert.Equal([new(TimeSpan.Zero, TimeSpan.FromSeconds(1.5)), new(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6))], segments);
    }

    [Fact]
    public void MapOntoLines_MoreSegmentsThanLines_JoinsAcrossTheShortestPause()
    {
        VoiceOverSegment[] segments = [Seg(0, 1), Seg(1.2, 2), Seg(3, 4), Seg(5, 6)];

        IReadOnlyList<VoiceOverMatch> matches = VoiceOverSplitter.MapOntoLines(segments, ["a", "b", "c"]);

        Assert.Equal([new("a", Seg(0, 2)), new("b", Seg(3, 4)), new("c", Seg(5, 6))], matches);
    }

    [Fact]
    public void MapOntoLines_FewerSegmentsThanLines_LeavesTheLastLinesWithout()
    {
        IReadOnlyList<VoiceOverMatch> matches = VoiceOverSplitter.MapOntoLines([Seg(0, 1)], ["a", "b"]);

        Assert.Equal([new("a", Seg(0, 1)), new("b", null)], matches);
    }

    private static VoiceOverSegment Seg(double start, double end) =>
        new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));
}
