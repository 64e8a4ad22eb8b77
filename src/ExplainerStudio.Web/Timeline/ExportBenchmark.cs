using System.Diagnostics;
using System.Globalization;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// `./studio.sh bench export`: a generated 60 s, 720p timeline of 12 shots joined by 0.5 s crossfades, with one
/// scratch-speech line per shot, exported through <see cref="TimelineExporter"/>, against one hand-written ffmpeg
/// command that produces the same output (same clips, transitions, dialogue placement, loudness, encoder
/// settings) in the same run. Each is run twice and the faster kept: on a shared machine other load only adds time.
/// The planning figures of <see cref="TimelinePlanningBenchmark"/> are added to the same file.
/// </summary>
public static class ExportBenchmark
{
    private const int Shots = 12;
    private const int FramesPerShot = 131;
    private const int TransitionFrames = 12;
    private const double Fps = 24;
    private const int Rounds = 2;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string workDirectory, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        Directory.CreateDirectory(workDirectory);
        var runner = new FfmpegRunner(new MediaOptions { LogDirectory = Path.Combine(workDirectory, "logs") });
        var speech = new EspeakSpeechSynthesizer(runner, new SpeechOptions { CacheDirectory = Path.Combine(workDirectory, "speech") });
        var shotDuration = TimeSpan.FromSeconds(FramesPerShot / Fps);
        var transition = new ShotTransition(TransitionKind.Crossfade, TimeSpan.FromSeconds(TransitionFrames / Fps));

        var plans = new List<ShotPlan>();
        var pictures = new List<ExportShot>();
        for (var index = 0; index < Shots; index++)
        {
            var clip = Path.Combine(workDirectory, $"shot{index:00}.mp4");
            await runner.RunAsync(new FfmpegJob("bench-clip", new FfmpegCommand()
                .AddGeneratedInput(string.Create(CultureInfo.InvariantCulture, $"testsrc2=size=1280x720:rate=24:duration={FfmpegValue.Seconds(shotDuration)}"))
                .AddOutput(clip, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")) { WritesLog = false }, cancellationToken);
            var line = await speech.SynthesizeAsync(string.Create(CultureInfo.InvariantCulture, $"This is shot number {index + 1} of the benchmark."), new VoiceSettings("en-us"), cancellationToken);
            plans.Add(new ShotPlan($"s{index}", shotDuration, IsPinned: true, [new DialogueClip($"l{index}", "Shot " + (index + 1), line.Duration, line.Path)], transition));
            pictures.Add(new ExportShot($"s{index}", clip));
        }

        var timeline = DialogueAligner.Align(plans, AlignmentOptions.Default with { FramesPerSecond = Fps });
        var settings = new ExportSettings(ExportResolution.Hd720, ExportAspect.Landscape16x9, ExportFit.Pad, SubtitleMode.SoftTrack, Fps);
        var exporter = new TimelineExporter(runner);
        var studio = TimeSpan.MaxValue;
        var handWritten = TimeSpan.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            await exporter.ExportAsync(new ExportRequest(timeline, pictures, settings, Path.Combine(workDirectory, "studio.mp4")), cancellationToken: cancellationToken);
            studio = Min(studio, clock.Elapsed);

            clock.Restart();
            await runner.RunAsync(new FfmpegJob("bench-hand", HandWritten(timeline, pictures, Path.Combine(workDirectory, "studio.srt"), Path.Combine(workDirectory, "hand.mp4"))), cancellationToken);
            handWritten = Min(handWritten, clock.Elapsed);
        }

        var length = timeline.Duration.TotalSeconds;
        var figures = new Dictionary<string, double>
        {
            ["export_timeline_seconds"] = length,
            ["export_shots"] = Shots,
            ["export_seconds"] = studio.TotalSeconds,
            ["export_realtime_multiple"] = length / studio.TotalSeconds,
            ["handwritten_ffmpeg_seconds"] = handWritten.TotalSeconds,
            ["export_vs_handwritten_ratio"] = studio.TotalSeconds / handWritten.TotalSeconds,
        };
        foreach (var (name, value) in await TimelinePlanningBenchmark.RunAsync(workDirectory, cancellationToken))
        {
            figures[name] = value;
        }
        return figures;
    }

    /// <summary>What a person would type for this timeline: the clips already match the frame, so no fitting.</summary>
    private static FfmpegCommand HandWritten(AlignedTimeline timeline, IReadOnlyList<ExportShot> pictures, string srt, string output)
    {
        var command = new FfmpegCommand();
        foreach (var picture in pictures)
        {
            command.AddInput(picture.ClipPath!);
        }
        command.AddGeneratedInput("anullsrc=r=48000:cl=stereo:d=" + FfmpegValue.Seconds(timeline.Duration));
        var lines = timeline.Lines.ToList();
        foreach (var line in lines)
        {
            command.AddInput(line.Clip.AudioPath!);
        }
        command.AddInput(srt);

        var graph = new List<string>();
        var previous = "0:v";
        for (var index = 1; index < timeline.Shots.Count; index++)
        {
            var overlap = FfmpegValue.Seconds(timeline.Shots[index - 1].Plan.TransitionOut!.Overlap);
            graph.Add($"[{previous}][{index}:v]xfade=transition=fade:duration={overlap}:offset={FfmpegValue.Seconds(timeline.Shots[index].Start)}[x{index}]");
            previous = $"x{index}";
        }
        var silence = pictures.Count;
        var mix = $"[{silence}:a]";
        for (var index = 0; index < lines.Count; index++)
        {
            var delay = ((long)Math.Round(lines[index].Start.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            graph.Add($"[{silence + 1 + index}:a]aresample=48000,aformat=channel_layouts=stereo,adelay={delay}:all=1[d{index}]");
            mix += $"[d{index}]";
        }
        graph.Add($"{mix}amix=inputs={lines.Count + 1}:duration=first:normalize=0,loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000[aout]");
        command.WithOptions("-filter_complex", string.Join(';', graph));
        command.AddOutput(output,
            "-map", $"[{previous}]", "-map", "[aout]", "-map", $"{silence + 1 + lines.Count}:s", "-c:s", "mov_text",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-r", "24",
            "-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2",
            "-t", FfmpegValue.Seconds(timeline.Duration), "-movflags", "+faststart", "-f", "mp4");
        return command;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
