using System.Globalization;
using System.Text;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Subtitles;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Media.Export;

/// <summary>
/// Renders an aligned timeline to an H.264/AAC MP4 in one ffmpeg run: each shot's clip (trimmed, fitted to the
/// frame, its last frame held when it is short) or a placeholder card, joined by cuts or <c>xfade</c>
/// transitions; dialogue placed at its aligned times; optional music ducked under the dialogue; loudness
/// normalised; subtitles burned in or as a soft track, with SRT and WebVTT sidecars.
/// </summary>
/// <remarks>
/// The file is written under a temporary name, verified with ffprobe (duration within one frame of the
/// timeline, the expected streams), and only then moved into place with its sidecars; a failed, cancelled or
/// rejected export leaves nothing behind.
/// </remarks>
public sealed class TimelineExporter
{
    private const string PlaceholderColor = "0x1e2430";
    private readonly FfmpegRunner _runner;

    /// <summary>Creates an exporter that runs ffmpeg through <paramref name="runner"/>.</summary>
    public TimelineExporter(FfmpegRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
    }

    /// <summary>Exports the timeline; progress reports carry a fraction of the timeline's duration.</summary>
    /// <exception cref="ExportException">The timeline is empty, a line has no audio, or the output failed verification.</exception>
    /// <exception cref="MediaInputException">A clip or audio file is missing or unreadable.</exception>
    /// <exception cref="FfmpegException">ffmpeg failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; ffmpeg was killed and nothing remains.</exception>
    public async Task<ExportResult> ExportAsync(
        ExportRequest request,
        IProgress<FfmpegProgress>? progress = null,
        string jobName = "export",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Settings.Validate();
        CheckRequest(request);

        string target = Path.GetFullPath(request.OutputPath);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException("The output path has no folder.", nameof(request));
        Directory.CreateDirectory(folder);
        string work = Directory.CreateTempSubdirectory("export-").FullName;
        string partial = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            IReadOnlyList<SubtitleCue> cues = request.Timeline.BuildSubtitles();
            string srt = Path.Combine(work, "subtitles.srt");
            string vtt = Path.Combine(work, "subtitles.vtt");
            await SubtitleWriter.WriteSrtAsync(srt, cues, cancellationToken).ConfigureAwait(false);
            await SubtitleWriter.WriteWebVttAsync(vtt, cues, cancellationToken).ConfigureAwait(false);

            FfmpegCommand command = BuildCommand(request, partial, cues.Count > 0 ? srt : null);
            var job = new FfmpegJob(jobName, command)
            {
                ExpectedDuration = request.Timeline.Duration,
                Progress = progress,
            };
            FfmpegResult result = await _runner.RunAsync(job, cancellationToken).ConfigureAwait(false);
            MediaProbe probe = await _runner.ProbeAsync(partial, cancellationToken).ConfigureAwait(false);
            Verify(request, probe, expectSubtitleTrack: cues.Count > 0 && request.Settings.Subtitles == SubtitleMode.SoftTrack);

            string srtTarget = Path.ChangeExtension(target, ".srt");
            string vttTarget = Path.ChangeExtension(target, ".vtt");
            File.Move(srt, srtTarget, overwrite: true);
            File.Move(vtt, vttTarget, overwrite: true);
            File.Move(partial, target, overwrite: true);
            return new ExportResult(target, srtTarget, vttTarget, request.Timeline.Duration, probe, result.Elapsed);
        }
        finally
        {
            File.Delete(partial);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The single ffmpeg command that renders the request into <paramref name="outputPath"/>.</summary>
    internal static FfmpegCommand BuildCommand(ExportRequest request, string outputPath, string? subtitlePath)
    {
        ExportSettings settings = request.Settings;
        AlignedTimeline timeline = request.Timeline;
        string fps = FfmpegValue.Number(settings.FramesPerSecond);
        string total = FfmpegValue.Seconds(timeline.Duration);
        string fit = settings.Fit == ExportFit.Pad
            ? string.Create(CultureInfo.InvariantCulture, $"scale={settings.Width}:{settings.Height}:force_original_aspect_ratio=decrease,pad={settings.Width}:{settings.Height}:(ow-iw)/2:(oh-ih)/2:black")
            : string.Create(CultureInfo.InvariantCulture, $"scale={settings.Width}:{settings.Height}:force_original_aspect_ratio=increase,crop={settings.Width}:{settings.Height}");
        var command = new FfmpegCommand();
        var graph = new StringBuilder();
        int input = 0;

        for (int index = 0; index < timeline.Shots.Count; index++)
        {
            AlignedShot shot = timeline.Shots[index];
            ExportShot? picture = request.Shots.FirstOrDefault(candidate => candidate.ShotId == shot.Plan.ShotId);
            string duration = FfmpegValue.Seconds(shot.Duration);
            if (picture?.ClipPath is { } clip)
            {
                command.AddInput(clip);
                graph.Append(CultureInfo.InvariantCulture, $"[{input}:v]fps={fps},tpad=stop_mode=clone:stop_duration={duration},")
                    .Append(CultureInfo.InvariantCulture, $"trim=start={FfmpegValue.Seconds(picture.TrimIn)}:duration={duration},setpts=PTS-STARTPTS,")
                    .Append(fit).Append(CultureInfo.InvariantCulture, $",setsar=1,format=yuv420p,settb=AVTB[v{index}];");
            }
            else
            {
                command.AddGeneratedInput(string.Create(
                    CultureInfo.InvariantCulture, $"color=c={PlaceholderColor}:s={settings.Width}x{settings.Height}:r={fps}:d={duration}"));
                graph.Append(CultureInfo.InvariantCulture, $"[{input}:v]setsar=1,format=yuv420p,settb=AVTB[v{index}];");
            }

            input++;
        }

        string video = "v0";
        for (int index = 1; index < timeline.Shots.Count; index++)
        {
            ShotTransition transition = timeline.Shots[index - 1].Plan.TransitionOut ?? ShotTransition.Cut;
            string joined = string.Create(CultureInfo.InvariantCulture, $"j{index}");
            if (transition.Overlap == TimeSpan.Zero)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[{video}][v{index}]concat=n=2:v=1:a=0[{joined}];");
            }
            else
            {
                string kind = transition.Kind == TransitionKind.FadeThroughBlack ? "fadeblack" : "fade";
                graph.Append(CultureInfo.InvariantCulture, $"[{video}][v{index}]xfade=transition={kind}:")
                    .Append(CultureInfo.InvariantCulture, $"duration={FfmpegValue.Seconds(transition.Overlap)}:offset={FfmpegValue.Seconds(timeline.Shots[index].Start)}[{joined}];");
            }

            video = joined;
        }

        if (subtitlePath is not null && settings.Subtitles == SubtitleMode.BurnedIn)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[{video}]subtitles=filename={FilterText.OptionValue(subtitlePath)}[burned];");
            video = "burned";
        }

        graph.Append(CultureInfo.InvariantCulture, $"[{video}]format=yuv420p[vout];");

        command.AddGeneratedInput($"anullsrc=r=48000:cl=stereo:d={total}");
        var dialogue = new List<string> { string.Create(CultureInfo.InvariantCulture, $"[{input}:a]") };
        input++;
        int lineIndex = 0;
        foreach (AlignedLine line in timeline.Lines)
        {
            command.AddInput(line.Clip.AudioPath!);
            long delay = (long)Math.Round(line.Start.TotalMilliseconds);
            graph.Append(CultureInfo.InvariantCulture, $"[{input}:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,")
                .Append(CultureInfo.InvariantCulture, $"adelay=delays={delay}:all=1[d{lineIndex}];");
            dialogue.Add(string.Create(CultureInfo.InvariantCulture, $"[d{lineIndex}]"));
            input++;
            lineIndex++;
        }

        graph.Append(string.Concat(dialogue))
            .Append(CultureInfo.InvariantCulture, $"amix=inputs={dialogue.Count}:duration=first:normalize=0[dia];");
        string mixed = "dia";
        if (request.MusicPath is { } music)
        {
            command.AddInput(music, "-stream_loop", "-1");
            graph.Append(CultureInfo.InvariantCulture, $"[{input}:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,")
                .Append(CultureInfo.InvariantCulture, $"atrim=duration={total},volume=0.5[music];")
                .Append("[dia]asplit=2[dialead][diakey];")
                .Append("[music][diakey]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[ducked];")
                .Append("[dialead][ducked]amix=inputs=2:duration=first:normalize=0[withmusic];");
            mixed = "withmusic";
            input++;
        }

        graph.Append(CultureInfo.InvariantCulture, $"[{mixed}]loudnorm=I={FfmpegValue.Number(settings.LoudnessLufs)}:TP=-1.5:LRA=11,")
            .Append(CultureInfo.InvariantCulture, $"aresample=48000,atrim=duration={total},asetpts=PTS-STARTPTS[aout]");

        command.WithOptions("-filter_complex", graph.ToString());
        List<string> output = ["-map", "[vout]", "-map", "[aout]"];
        if (subtitlePath is not null && settings.Subtitles == SubtitleMode.SoftTrack)
        {
            command.AddInput(subtitlePath, "-f", "srt");
            output.AddRange(["-map", string.Create(CultureInfo.InvariantCulture, $"{input}:s"), "-c:s", "mov_text", "-metadata:s:s:0", "language=eng"]);
        }

        output.AddRange(
        [
            "-c:v", "libx264", "-preset", settings.Preset, "-crf", FfmpegValue.Number(settings.Crf), "-pix_fmt", "yuv420p",
            "-r", fps, "-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2",
            "-t", total, "-movflags", "+faststart", "-f", "mp4",
        ]);
        command.AddOutput(outputPath, output);
        return command;
    }

    private static void CheckRequest(ExportRequest request)
    {
        if (request.Timeline.Shots.Count == 0 || request.Timeline.Duration <= TimeSpan.Zero)
        {
            throw new ExportException("The timeline is empty; add shots to the storyboard before exporting.");
        }

        if (request.Timeline.Shots.FirstOrDefault(shot => shot.Duration <= TimeSpan.Zero) is { } empty)
        {
            throw new ExportException($"Shot '{empty.Plan.ShotId}' has no duration; give it a duration or dialogue before exporting.");
        }

        if (request.Timeline.Lines.FirstOrDefault(line => string.IsNullOrEmpty(line.Clip.AudioPath)) is { } silent)
        {
            throw new ExportException($"Dialogue line '{silent.Clip.LineId}' has no audio; generate scratch speech or upload a take for it.");
        }
    }

    private static void Verify(ExportRequest request, MediaProbe probe, bool expectSubtitleTrack)
    {
        ExportSettings settings = request.Settings;
        TimeSpan frame = TimeSpan.FromSeconds(1 / settings.FramesPerSecond);
        TimeSpan expected = request.Timeline.Duration;
        if (probe.Duration is not { } actual || (actual - expected).Duration() > frame + TimeSpan.FromMilliseconds(1))
        {
            throw new ExportException(string.Create(
                CultureInfo.InvariantCulture,
                $"The export lasts {probe.Duration?.TotalSeconds:0.000} s but the timeline lasts {expected.TotalSeconds:0.000} s; it was not kept. See the export log."));
        }

        if (probe.Video is not { CodecName: "h264" } video || video.Width != settings.Width || video.Height != settings.Height)
        {
            throw new ExportException(string.Create(
                CultureInfo.InvariantCulture,
                $"The export has no {settings.Width}x{settings.Height} H.264 video stream; it was not kept. See the export log."));
        }

        if (probe.Audio is not { CodecName: "aac" })
        {
            throw new ExportException("The export has no AAC audio stream; it was not kept. See the export log.");
        }

        bool hasSubtitles = probe.Streams.Any(stream => stream.Kind == MediaStreamKind.Subtitle && stream.CodecName == "mov_text");
        if (hasSubtitles != expectSubtitleTrack)
        {
            throw new ExportException(expectSubtitleTrack
                ? "The export has no subtitle track; it was not kept. See the export log."
                : "The export has an unexpected subtitle track; it was not kept. See the export log.");
        }
    }
}
