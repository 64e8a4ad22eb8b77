using System.Diagnostics;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Proves the consistency scores on planted problems. Every shot of every character is rendered with the previz
/// pack through <see cref="DiffusionPipeline.RenderShotAsync(GenerationRequest, CameraMove, int, float, double, int, IProgress{GenerationProgress}?, CancellationToken)"/>
/// twice: once against its own references (faithful) and once with the next character's references in the layout
/// and as image tokens (drifted); both are scored against its own set. Flicker is planted by darkening one frame of
/// each faithful take; seams compare consecutive faithful takes of one character with the same cut after a hard
/// colour grade. Figures are flat name → number pairs (times in milliseconds).
/// </summary>
public static class ConsistencyBenchmark
{
    private static readonly CameraMove[] Moves =
        [CameraMove.PanRight, CameraMove.ZoomIn, CameraMove.Static, CameraMove.TiltDown, CameraMove.DollyOut, CameraMove.PanLeft];

    private static readonly string[] Prompts =
    [
        "a classroom with a whiteboard, flat illustration",
        "a film strip of many frames, flat illustration",
        "a pinboard with reference pictures",
        "a bright studio, soft light, flat illustration",
    ];

    private static readonly RgbColor Background = new(214, 228, 240);

    /// <summary>Renders, scores and returns the figures.</summary>
    public static Task<IReadOnlyDictionary<string, double>> RunAsync(ConsistencyBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RunCoreAsync(options, cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<string, double>> RunCoreAsync(ConsistencyBenchmarkOptions options, CancellationToken cancellationToken)
    {
        options.Thresholds.Validate();
        List<BenchCharacter> characters = [.. options.Characters];
        if (options.IncludeDrawnSubjects)
        {
            characters.AddRange(BenchSubjects.Characters());
        }

        if (characters.Count < 2)
        {
            throw new ConsistencyException("The consistency benchmark needs at least two characters, so that one can be rendered against another's references.");
        }

        using var runtime = new OnnxRuntime(options.Runtime);
        var loader = new ModelPackLoader(runtime);
        ModelPackReport report = loader.Inspect(options.PrevizPackDirectory);
        ModelPack pack = report.Pack ?? throw new ModelPackException("previz", report.Summary);
        var pipeline = new DiffusionPipeline(runtime, pack);
        var scorer = new DriftScorer(PackImageEmbedder.For(runtime, pack));

        // Warm the sessions (and the scorer's embedding centre) so the first take is not charged for them.
        Shot warm = PlanShot(characters, 0, 0, options);
        await RenderAsync(pipeline, warm, characters[0], options, cancellationToken).ConfigureAwait(false);
        scorer.Score([TakeFrame.Keyframe(RgbImage.Solid(options.Width, options.Height, Background))], warm.Placement(characters[0]), characters[0].References, cancellationToken: cancellationToken);

        var faithful = new List<DriftScore>();
        var drifted = new List<DriftScore>();
        var steady = new List<FlickerScore>();
        var planted = new List<FlickerScore>();
        int plantedFound = 0;
        var matchedSeams = new List<double>();
        var jumpSeams = new List<double>();
        double renderMs = 0;
        double scoreMs = 0;
        double driftMs = 0;
        double renderCpuMs = 0;
        double scoreCpuMs = 0;
        int takes = 0;
        for (int c = 0; c < characters.Count; c++)
        {
            BenchCharacter own = characters[c];
            BenchCharacter other = characters[(c + 1) % characters.Count];
            Take? previous = null;
            for (int s = 0; s < options.ShotsPerCharacter; s++)
            {
                Shot shot = PlanShot(characters, c, s, options);
                LayoutPlacement placement = shot.Placement(own);
                foreach ((BenchCharacter renderedAs, List<DriftScore> scores) in new[] { (own, faithful), (other, drifted) })
                {
                    TimeSpan cpuBefore = ProcessCpu();
                    Take take = await RenderAsync(pipeline, shot, renderedAs, options, cancellationToken).ConfigureAwait(false);
                    TimeSpan cpuRendered = ProcessCpu();
                    var clock = Stopwatch.StartNew();
                    scores.Add(scorer.Score(Sample(take, options.SampledFrames), placement, own.References, cancellationToken: cancellationToken));
                    driftMs += clock.Elapsed.TotalMilliseconds;
                    FlickerScore flicker = TemporalFlicker.Score(take.Frames.Skip(1));
                    scoreMs += clock.Elapsed.TotalMilliseconds;
                    renderCpuMs += (cpuRendered - cpuBefore).TotalMilliseconds;
                    scoreCpuMs += (ProcessCpu() - cpuRendered).TotalMilliseconds;
                    renderMs += take.RenderMilliseconds;
                    takes++;
                    if (!ReferenceEquals(renderedAs, own))
                    {
                        continue;
                    }

                    steady.Add(flicker);
                    int flash = Math.Max(2, (options.FramesPerTake / 2) + 1);
                    FlickerScore flashed = TemporalFlicker.Score(take.Frames.Skip(1).Select(f => f.Index == flash ? f with { Image = Shift(f.Image, -options.PlantedFlickerLevels) } : f));
                    planted.Add(flashed);
                    if (flashed.WorstPair is (int first, int second) && (first == flash || second == flash))
                    {
                        plantedFound++;
                    }

                    if (previous is not null)
                    {
                        RgbImage last = previous.Frames[^1].Image;
                        RgbImage next = take.Frames[1].Image;
                        matchedSeams.Add(SeamScorer.Score(last, next).Score);
                        jumpSeams.Add(SeamScorer.Score(last, Grade(next)).Score);
                    }

                    previous = take;
                }
            }
        }

        Dictionary<string, double> figures = Figures(options, characters.Count, faithful, drifted, steady, planted, plantedFound, matchedSeams, jumpSeams, renderMs, scoreMs, driftMs, takes, scorer.HasEmbeddings);
        // CPU time of this process, render and scoring alike: unlike wall time it hardly moves when other processes
        // load the machine (the render's thread pool and the single scoring thread then lose time very differently).
        figures["render_cpu_ms_per_take"] = renderCpuMs / takes;
        figures["score_cpu_ms_per_take"] = scoreCpuMs / takes;
        figures["score_cpu_share_of_render"] = scoreCpuMs / renderCpuMs;
        if (options.StudioRecipe is { } recipe)
        {
            await RecipeFiguresAsync(pipeline, scorer, characters, options, recipe, figures, cancellationToken).ConfigureAwait(false);
        }

        return figures;
    }

    // Renders and scores as a studio shot at its default recipe: the same shots, bigger and longer, scored as the
    // studio's scorer sees them (see StudioRecipeCheck).
    private static async Task RecipeFiguresAsync(
        DiffusionPipeline pipeline,
        DriftScorer scorer,
        IReadOnlyList<BenchCharacter> characters,
        ConsistencyBenchmarkOptions options,
        StudioRecipeCheck recipe,
        Dictionary<string, double> figures,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recipe.Takes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(recipe.AnalysisLongSide, 8);
        double renderMs = 0;
        double scoreMs = 0;
        double renderCpuMs = 0;
        double scoreCpuMs = 0;
        for (int t = -1; t < recipe.Takes; t++)
        {
            int c = Math.Max(0, t / 2) % characters.Count;
            BenchCharacter own = characters[c];
            BenchCharacter renderedAs = t % 2 == 0 ? own : characters[(c + 1) % characters.Count];
            Shot shot = PlanShot(characters, c, 0, options);
            TimeSpan cpuBefore = ProcessCpu();
            Take take = await RenderAsync(pipeline, shot, renderedAs, options, recipe.Width, recipe.Height, recipe.Steps, recipe.FramesPerTake, recipe.RefineEvery, cancellationToken).ConfigureAwait(false);
            TimeSpan cpuRendered = ProcessCpu();
            var clock = Stopwatch.StartNew();
            TemporalFlicker.Score(take.Frames.Skip(1));
            List<TakeFrame> sampled = Sample(take, options.SampledFrames)
                .Select(f => f.Index == 0
                    ? TakeFrame.Keyframe(ForAnalysis(f.Image, recipe.AnalysisLongSide))
                    : TakeFrame.FromShot(f.Index, recipe.FramesPerTake, ForAnalysis(f.Image, recipe.AnalysisLongSide), shot.Move))
                .ToList();
            scorer.Score(sampled, shot.Placement(own), own.References, cancellationToken: cancellationToken);
            double scored = clock.Elapsed.TotalMilliseconds;
            TimeSpan cpuScored = ProcessCpu();
            if (t < 0)
            {
                continue;
            }

            renderMs += take.RenderMilliseconds;
            scoreMs += scored;
            renderCpuMs += (cpuRendered - cpuBefore).TotalMilliseconds;
            scoreCpuMs += (cpuScored - cpuRendered).TotalMilliseconds;
        }

        figures["recipe_width"] = recipe.Width;
        figures["recipe_height"] = recipe.Height;
        figures["recipe_steps"] = recipe.Steps;
        figures["recipe_frames_per_take"] = recipe.FramesPerTake;
        figures["recipe_analysis_long_side"] = recipe.AnalysisLongSide;
        figures["recipe_takes"] = recipe.Takes;
        figures["recipe_render_ms_per_take"] = renderMs / recipe.Takes;
        figures["recipe_score_ms_per_take"] = scoreMs / recipe.Takes;
        figures["recipe_score_share_of_render"] = scoreMs / renderMs;
        figures["recipe_render_cpu_ms_per_take"] = renderCpuMs / recipe.Takes;
        figures["recipe_score_cpu_ms_per_take"] = scoreCpuMs / recipe.Takes;
        figures["recipe_score_cpu_share_of_render"] = scoreCpuMs / renderCpuMs;
    }

    // The studio's analysis copy: the long side shrunk to at most `longSide`, the aspect kept.
    private static RgbImage ForAnalysis(RgbImage image, int longSide)
    {
        double scale = Math.Min(1, longSide / (double)Math.Max(image.Width, image.Height));
        if (scale >= 1)
        {
            return image;
        }

        return ImageResampler.Resize(
            image,
            Math.Clamp((int)Math.Round(image.Width * scale, MidpointRounding.AwayFromZero), 1, longSide),
            Math.Clamp((int)Math.Round(image.Height * scale, MidpointRounding.AwayFromZero), 1, longSide));
    }

    private static Dictionary<string, double> Figures(
        ConsistencyBenchmarkOptions options,
        int characterCount,
        List<DriftScore> faithful,
        List<DriftScore> drifted,
        List<FlickerScore> steady,
        List<FlickerScore> planted,
        int plantedFound,
        List<double> matchedSeams,
        List<double> jumpSeams,
        double renderMs,
        double scoreMs,
        double driftMs,
        int takes,
        bool embeddings)
    {
        ConsistencyThresholds thresholds = options.Thresholds;
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["method_version"] = ConsistencyMethod.Version,
            ["characters"] = characterCount,
            ["takes"] = takes,
            ["width"] = options.Width,
            ["height"] = options.Height,
            ["steps"] = options.Steps,
            ["frames_per_take"] = options.FramesPerTake,
            ["sampled_frames"] = options.SampledFrames,
        };

        double[] f = faithful.Select(d => d.Score).ToArray();
        double[] d = drifted.Select(d => d.Score).ToArray();
        figures["drift_auc"] = RocCurve.Auc(d, f);
        figures["drift_auc_mean_over_frames"] = RocCurve.Auc(drifted.Select(x => x.MeanScore).ToArray(), faithful.Select(x => x.MeanScore).ToArray());
        figures["drift_auc_keyframe_only"] = RocCurve.Auc(drifted.Select(x => x.Frames[0].Score).ToArray(), faithful.Select(x => x.Frames[0].Score).ToArray());
        figures["drift_auc_colour"] = RocCurve.Auc(drifted.Select(x => x.PeakSignals.Colour).ToArray(), faithful.Select(x => x.PeakSignals.Colour).ToArray());
        figures["drift_auc_structure"] = RocCurve.Auc(drifted.Select(x => x.PeakSignals.Structure).ToArray(), faithful.Select(x => x.PeakSignals.Structure).ToArray());
        if (embeddings)
        {
            figures["drift_auc_embedding"] = RocCurve.Auc(
                drifted.Select(x => x.PeakSignals.Embedding ?? 0).ToArray(), faithful.Select(x => x.PeakSignals.Embedding ?? 0).ToArray());
        }

        figures["drift_faithful_mean"] = f.Average();
        figures["drift_faithful_max"] = f.Max();
        figures["drift_drifted_mean"] = d.Average();
        figures["drift_drifted_min"] = d.Min();
        figures["drift_threshold_default"] = thresholds.Drifted;
        figures["drift_threshold_best_separation"] = RocCurve.BestThreshold(d, f);
        figures["drift_false_alarm_rate_at_default"] = RocCurve.RateAtOrAbove(f, thresholds.Drifted);
        figures["drift_detection_rate_at_default"] = RocCurve.RateAtOrAbove(d, thresholds.Drifted);

        double[] sf = steady.Select(x => x.Score).ToArray();
        double[] pf = planted.Select(x => x.Score).ToArray();
        figures["flicker_planted_levels"] = options.PlantedFlickerLevels;
        figures["flicker_auc"] = RocCurve.Auc(pf, sf);
        figures["flicker_steady_max"] = sf.Max();
        figures["flicker_planted_min"] = pf.Min();
        figures["flicker_threshold_default"] = thresholds.Flickering;
        figures["flicker_threshold_best_separation"] = RocCurve.BestThreshold(pf, sf);
        figures["flicker_detection_rate_at_default"] = RocCurve.RateAtOrAbove(pf, thresholds.Flickering);
        figures["flicker_false_alarm_rate_at_default"] = RocCurve.RateAtOrAbove(sf, thresholds.Flickering);
        figures["flicker_worst_pair_found_rate"] = plantedFound / (double)planted.Count;

        if (matchedSeams.Count > 0)
        {
            figures["seam_auc"] = RocCurve.Auc(jumpSeams, matchedSeams);
            figures["seam_matched_max"] = matchedSeams.Max();
            figures["seam_jump_min"] = jumpSeams.Min();
            figures["seam_threshold_default"] = thresholds.Seam;
            figures["seam_threshold_best_separation"] = RocCurve.BestThreshold(jumpSeams, matchedSeams);
            figures["seam_detection_rate_at_default"] = RocCurve.RateAtOrAbove(jumpSeams, thresholds.Seam);
            figures["seam_false_alarm_rate_at_default"] = RocCurve.RateAtOrAbove(matchedSeams, thresholds.Seam);
        }

        figures["render_ms_per_take"] = renderMs / takes;
        figures["score_ms_per_take"] = scoreMs / takes;
        figures["score_drift_ms_per_take"] = driftMs / takes;
        figures["score_flicker_ms_per_take"] = (scoreMs - driftMs) / takes;
        figures["score_share_of_render"] = scoreMs / renderMs;
        return figures;
    }

    private static Shot PlanShot(IReadOnlyList<BenchCharacter> characters, int character, int index, ConsistencyBenchmarkOptions options)
    {
        int k = (character * options.ShotsPerCharacter) + index;
        double[] xs = [0.35, 0.5, 0.65];
        double[] scales = [0.62, 0.72];
        // One prompt per character, as the shots of one scene share a look; a cut between them is a matched cut.
        return new Shot(
            Prompts[character % Prompts.Length],
            Moves[k % Moves.Length],
            xs[k % xs.Length],
            0.55,
            scales[k % scales.Length],
            (ulong)(1000 + (k * 7919)),
            index % characters[character].References.Count);
    }

    private static Task<Take> RenderAsync(DiffusionPipeline pipeline, Shot shot, BenchCharacter renderedAs, ConsistencyBenchmarkOptions options, CancellationToken cancellationToken) =>
        RenderAsync(pipeline, shot, renderedAs, options, options.Width, options.Height, options.Steps, options.FramesPerTake, DiffusionPipeline.DefaultRefineEvery, cancellationToken);

    private static async Task<Take> RenderAsync(
        DiffusionPipeline pipeline,
        Shot shot,
        BenchCharacter renderedAs,
        ConsistencyBenchmarkOptions options,
        int width,
        int height,
        int steps,
        int framesPerTake,
        int refineEvery,
        CancellationToken cancellationToken)
    {
        RgbImage layout = new LayoutImage(width, height, LayoutBackground.Solid(Background), [shot.Placement(renderedAs)]).Render();
        var request = new GenerationRequest
        {
            Prompt = shot.Prompt,
            Width = width,
            Height = height,
            Steps = steps,
            Seed = shot.Seed,
            InitImage = layout,
            Strength = options.Strength,
            ReferenceImages = renderedAs.References,
            PreviewEvery = 0,
        };

        var clock = Stopwatch.StartNew();
        var frames = new List<TakeFrame>(framesPerTake + 1);
        await foreach (ShotFrame frame in pipeline.RenderShotAsync(request, shot.Move, framesPerTake, options.RefineStrength, refineEvery: refineEvery, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            frames.Add(TakeFrame.FromShot(frame.Index, frame.FrameCount, frame.Image, shot.Move));
        }

        return new Take(frames, clock.Elapsed.TotalMilliseconds);
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static List<TakeFrame> Sample(Take take, int samples)
    {
        var chosen = new List<TakeFrame> { take.Frames[0] };
        chosen.AddRange(DriftScorer.SampleFrameIndices(take.Frames.Count - 1, samples).Select(i => take.Frames[i]));
        return chosen;
    }

    private static RgbImage Shift(RgbImage image, int levels)
    {
        var pixels = new byte[image.Pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(image.Pixels[i] + levels, 0, 255);
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }

    // A hard grade: warm cast and darker, as a shot from another session or another pack would look.
    private static RgbImage Grade(RgbImage image)
    {
        var pixels = new byte[image.Pixels.Length];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = (byte)Math.Clamp((image.Pixels[i] * 0.95) + 20, 0, 255);
            pixels[i + 1] = (byte)Math.Clamp(image.Pixels[i + 1] * 0.7, 0, 255);
            pixels[i + 2] = (byte)Math.Clamp(image.Pixels[i + 2] * 0.5, 0, 255);
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }

    private sealed record Shot(string Prompt, CameraMove Move, double X, double Y, double Scale, ulong Seed, int View)
    {
        public LayoutPlacement Placement(BenchCharacter character) =>
            new(character.References[View % character.References.Count], X, Y, Scale);
    }

    private sealed record Take(List<TakeFrame> Frames, double RenderMilliseconds);
}
