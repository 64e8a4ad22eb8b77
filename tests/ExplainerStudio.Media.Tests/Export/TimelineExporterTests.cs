using System.Globalization;
using System.Text.RegularExpressions;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Media.Subtitles;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Media.Tests.Export;

public sealed partial class TimelineExporterTests : IDisposable
{
    private static readonly ExportSettings Fast = new(
        ExportResolution.Hd720, ExportAspect.Landscape16x9, ExportFit.Pad, SubtitleMode.SoftTrack, 24, -16, "ultrafast", 30);

    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner;
    private readonly TimelineExporter _exporter;

    public TimelineExporterTests()
    {
        _runner = new FfmpegRunner(new MediaOptions { LogDirectory = _temp.File("logs") });
        _exporter = new TimelineExporter(_runner);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ExportAsync_SmallTimeline_WritesVerifiedMp4_WithSoftSubtitlesAtTheDialogueTimes_AndSidecars()
    {
        string clip = await TestClips.MakeTwoSecondClipAsync(_runner, _temp.File("take.mp4"));
        var speech = new EspeakSpeechSynthesizer(_runner, new SpeechOptions { CacheDirectory = _temp.File("speech") });
        SpeechClip spoken = await speech.SynthesizeAsync("Noise becomes a picture.", new VoiceSettings("en-us", 50, 200));
        AlignedTimeline timeline = DialogueAligner.Align(
        [
            new ShotPlan("a", TimeSpan.FromSeconds(1.5), true, [], new ShotTransition(TransitionKind.Crossfade, TimeSpan.FromSeconds(0.5))),
            new ShotPlan("b", TimeSpan.FromSeconds(1), false, [new DialogueClip("l1", "Noise becomes a picture.", spoken.Duration, spoken.Path)],
                new ShotTransition(TransitionKind.FadeThroughBlack, TimeSpan.FromSeconds(0.25))),
            new ShotPlan("c", TimeSpan.FromSeconds(1), true, []),
        ]);
        var progress = new CollectingProgress<FfmpegProgress>();
        string output = Path.Combine(_temp.File("exports"), "film.mp4");

        ExportResult result = await _exporter.ExportAsync(
            new ExportRequest(timeline, [new ExportShot("a", clip), new ExportShot("c", clip, TimeSpan.FromSeconds(0.5))], Fast, output),
            progress);

        Assert.Equal(output, result.VideoPath);
        MediaProbe probe = await _runner.ProbeAsync(output);
        Assert.Equal(timeline.Duration.TotalSeconds, probe.Duration!.Value.TotalSeconds, 1.0 / 24);
        Assert.Equal(("h264", 1280, 720), (probe.Video!.CodecName, probe.Video.Width, probe.Video.Height));
        Assert.Equal(("aac", 48000), (probe.Audio!.CodecName, probe.Audio.SampleRate));
        Assert.Contains(probe.Streams, stream => stream.Kind == MediaStreamKind.Subtitle && stream.CodecName == "mov_text");
        Assert.Equal(["film.mp4", "film.srt", "film.vtt"], Directory.GetFiles(_temp.File("exports")).Select(Path.GetFileName).Order());
        Assert.Equal(1.0, progress.Reports[^1].Fraction);

        string embedded = await ExtractSubtitlesAsync(output);
        AlignedLine line = timeline.Lines.Single();
        Assert.Contains($"{Srt(line.Start)} --> ", embedded, StringComparison.Ordinal);
        Assert.Contains("Noise becomes a picture.", embedded, StringComparison.Ordinal);
        Assert.Equal(SubtitleWriter.ToSrt(timeline.BuildSubtitles()), await File.ReadAllTextAsync(result.SrtPath));
        Assert.StartsWith("WEBVTT", await File.ReadAllTextAsync(result.VttPath), StringComparison.Ordinal);

        double loudness = await MeasureLoudnessAsync(output);
        Assert.InRange(loudness, -18.5, -13.5);
    }

    [Fact]
    public async Task ExportAsync_PortraitCropWithBurnedSubtitles_HasThePortraitSize_AndNoSubtitleTrack()
    {
        string clip = await TestClips.MakeTwoSecondClipAsync(_runner, _temp.File("take.mp4"));
        string tone = await MakeToneAsync("line.wav", 0.8);
        AlignedTimeline timeline = DialogueAligner.Align(
            [new ShotPlan("a", TimeSpan.FromSeconds(1), false, [new DialogueClip("l1", "Hello", TimeSpan.FromSeconds(0.8), tone)])]);
        ExportSettings settings = Fast with { Aspect = ExportAspect.Portrait9x16, Fit = ExportFit.Crop, Subtitles = SubtitleMode.BurnedIn };

        ExportResult result = await _exporter.ExportAsync(
            new ExportRequest(timeline, [new ExportShot("a", clip)], settings, _temp.File("out dir/it's [1].mp4")));

        Assert.Equal((720, 1280), (result.Probe.Video!.Width, result.Probe.Video.Height));
        Assert.DoesNotContain(result.Probe.Streams, stream => stream.Kind == MediaStreamKind.Subtitle);
    }

    [Fact]
    public async Task ExportAsync_WithMusic_LaysItUnderTheWholeTimeline_AndDucksItUnderDialogue()
    {
        string music = await MakeToneAsync("music.wav", 1.5, 220);
        string line = await MakeToneAsync("line.wav", 2, 2000);
        AlignedTimeline timeline = DialogueAligner.Align(
            [new ShotPlan("a", TimeSpan.FromSeconds(6), true, [new DialogueClip("l1", "Hello", TimeSpan.FromSeconds(2), line)])],
            AlignmentOptions.Default with { LeadIn = TimeSpan.FromSeconds(3) });
        string output = _temp.File("music.mp4");

        await _exporter.ExportAsync(new ExportRequest(timeline, [], Fast with { Subtitles = SubtitleMode.None }, output, music));

        double before = await MusicLevelAsync(output, 1.5, 1);
        double during = await MusicLevelAsync(output, 3.8, 1);
        Assert.True(before > -40, $"The music should be heard before the dialogue; it measured {before} dB.");
        Assert.True(during < before - 4, $"The music should be ducked under dialogue: {during} dB during against {before} dB before.");
    }

    [Fact]
    public async Task ExportAsync_EmptyTimeline_IsRefused_AndWritesNothing()
    {
        ExportException error = await Assert.ThrowsAsync<ExportException>(() => _exporter.ExportAsync(
            new ExportRequest(DialogueAligner.Align([]), [], Fast, _temp.File("out/empty.mp4"))));

        Assert.Contains("timeline is empty", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public async Task ExportAsync_LineWithoutAudio_IsRefused()
    {
        AlignedTimeline timeline = DialogueAligner.Align(
            [new ShotPlan("a", TimeSpan.FromSeconds(1), false, [new DialogueClip("l7", "Hi", TimeSpan.FromSeconds(1))])]);

        ExportException error = await Assert.ThrowsAsync<ExportException>(() => _exporter.ExportAsync(
            new ExportRequest(timeline, [], Fast, _temp.File("out/x.mp4"))));

        Assert.Contains("'l7' has no audio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_Cancelled_KillsFfmpeg_AndLeavesNoFiles()
    {
        AlignedTimeline timeline = DialogueAligner.Align([new ShotPlan("a", TimeSpan.FromSeconds(600), true, [])]);
        using var cancel = new CancellationTokenSource();
        var progress = new CollectingProgress<FfmpegProgress>(_ => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _exporter.ExportAsync(
            new ExportRequest(timeline, [], Fast with { Preset = "medium", Crf = 18 }, _temp.File("out/long.mp4")), progress, cancellationToken: cancel.Token));

        Assert.Empty(Directory.GetFiles(_temp.File("out")));
    }

    private static string Srt(TimeSpan time) => SubtitleWriter.ToSrt([new SubtitleCue(time, time, "x")]).Split('\n')[1][..12];

    private async Task<double> MusicLevelAsync(string video, double start, double seconds)
    {
        FfmpegResult result = await _runner.RunAsync(new FfmpegJob("level", new FfmpegCommand()
            .AddInput(video, "-ss", FfmpegValue.Number(start), "-t", FfmpegValue.Number(seconds))
            .AddOutput("/dev/null", "-map", "0:a:0", "-af", "lowpass=f=400,lowpass=f=400,volumedetect", "-f", "null")));
        Match match = result.StandardErrorTail.Select(line => MeanVolume().Match(line)).Last(candidate => candidate.Success);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<string> MakeToneAsync(string name, double seconds, int frequency = 330)
    {
        string path = _temp.File(name);
        await _runner.RunAsync(new FfmpegJob("make", new FfmpegCommand()
            .AddGeneratedInput(string.Create(CultureInfo.InvariantCulture, $"sine=frequency={frequency}:sample_rate=48000:duration={seconds}"))
            .AddOutput(path)));
        return path;
    }

    private async Task<string> ExtractSubtitlesAsync(string video)
    {
        string path = _temp.File("extracted.srt");
        await _runner.RunAsync(new FfmpegJob("extract", new FfmpegCommand().AddInput(video).AddOutput(path, "-map", "0:s:0", "-f", "srt")));
        return await File.ReadAllTextAsync(path);
    }

    private async Task<double> MeasureLoudnessAsync(string video)
    {
        FfmpegResult result = await _runner.RunAsync(new FfmpegJob("measure", new FfmpegCommand()
            .AddInput(video)
            .AddOutput("/dev/null", "-map", "0:a:0", "-af", "ebur128", "-f", "null")));
        Match match = result.StandardErrorTail.Select(line => IntegratedLoudness().Match(line)).Last(candidate => candidate.Success);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"mean_volume:\s*(-?[0-9.]+) dB")]
    private static partial Regex MeanVolume();

    [GeneratedRegex(@"^\s*I:\s*(-?[0-9.]+) LUFS")]
    private static partial Regex IntegratedLoudness();
}
