using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Scores one stored take with the engine's consistency methods and stores the result with it: each character's
/// drift against the locked reference set the take recorded, the clip's flicker, and the frames its seams are judged
/// from. The take's own recipe says where each character was placed and how the camera moved, so the region is
/// tracked exactly. Replaces an earlier score of the take, then publishes a <see cref="ProjectChangeKind.Score"/> change.
/// </summary>
public sealed class TakeScorer(
    IDbContextFactory<StudioDbContext> contextFactory,
    GenerationEngine engine,
    ImageDecoder decoder,
    TakeClipReader clips,
    ITakeFileStore files,
    RenderedFrameStore frameStore,
    CutSeamScorer seams,
    ProjectChangeFeed feed,
    IOptions<ReviewOptions> options,
    TimeProvider clock,
    ILogger<TakeScorer> logger)
{
    private const int ReferenceCacheSize = 64;
    private readonly ConcurrentDictionary<string, DriftScorer> _scorers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(int Id, string Sha256), RgbImage> _references = new();

    /// <summary>Null when the take no longer exists.</summary>
    public async Task<TakeScore?> ScoreAsync(int takeId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var take = await context.Takes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == takeId, cancellationToken);
        if (take is null)
        {
            return null;
        }

        var stopwatch = Stopwatch.StartNew();
        var score = new TakeScore
        {
            TakeId = take.Id,
            ProjectId = take.ProjectId,
            ShotId = take.ShotId,
            MethodVersion = ConsistencyMethod.Version,
        };
        try
        {
            await engine.WhenReadyAsync(cancellationToken);
            await MeasureAsync(context, take, score, cancellationToken);
        }
        catch (Exception e) when (e is ConsistencyException or Media.MediaException or IOException or JsonException)
        {
            // Stored, so the board says why the take has no figures instead of showing it as never scored.
            logger.LogWarning(e, "Take {TakeId} could not be scored", take.Id);
            score.Characters.Clear();
            score.Note = "Could not score this take: " + e.Message;
        }
        score.ScoringMilliseconds = stopwatch.Elapsed.TotalMilliseconds;
        score.ScoredAt = clock.GetUtcNow();

        await using (var transaction = await context.Database.BeginTransactionAsync(cancellationToken))
        {
            await context.TakeScores.Where(s => s.TakeId == take.Id).ExecuteDeleteAsync(cancellationToken);
            context.TakeScores.Add(score);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await seams.UpdateAsync(take.ProjectId, cancellationToken);
        feed.Publish(new ProjectChange(take.ProjectId, ProjectChangeKind.Score, take.Id, take.ShotId, null, null,
            string.Create(CultureInfo.InvariantCulture, $"scored take {take.Id}"), score.ScoredAt));
        return score;
    }

    private async Task MeasureAsync(StudioDbContext context, Take take, TakeScore score, CancellationToken cancellationToken)
    {
        var inputs = JsonSerializer.Deserialize<RenderInputs>(take.InputsJson, RenderQueue.Json)
            ?? throw new ConsistencyException("The take has no recorded inputs, so where its characters stand is unknown.");
        var references = JsonSerializer.Deserialize<List<TakeReference>>(take.ReferencesJson, RenderQueue.Json) ?? [];
        var settings = options.Value;

        var (frames, flickerScore, read, first, last) = frameStore.Take(take.ClipSha256) is { } rendered
            ? ((List<TakeFrame>)[rendered.Keyframe, .. rendered.Sampled], rendered.Flicker, rendered.FrameCount, rendered.First, rendered.Last)
            : await DecodeAsync(take, inputs, settings, cancellationToken);
        if (read >= 2)
        {
            score.Flicker = flickerScore.Score;
            score.FlickerFirstFrame = flickerScore.WorstPair?.First;
            score.FlickerSecondFrame = flickerScore.WorstPair?.Second;
            score.FlickerDeltaE = flickerScore.WorstDeltaE;
            score.FlickerLightnessChange = flickerScore.WorstLightnessChange;
        }
        score.FirstFramePng = Still(first, 160);
        score.LastFramePng = Still(last, 160);
        score.ScoredFrames = frames.Count;

        var scorer = Scorer(take.PackId);
        score.HasEmbeddings = scorer.HasEmbeddings;
        var notes = new List<string>();
        foreach (var placement in inputs.Placements)
        {
            var reference = references.FirstOrDefault(r => r.CharacterId == placement.CharacterId);
            if (reference is null)
            {
                notes.Add($"{placement.Name} has no recorded reference set in this take.");
                continue;
            }
            var set = await context.ReferenceImages.AsNoTracking()
                .Where(i => i.ReferenceSetId == reference.ReferenceSetId)
                .OrderBy(i => i.Position)
                .Select(i => new { i.Id, i.Sha256, i.DisplayName })
                .ToListAsync(cancellationToken);
            if (set.Count == 0)
            {
                notes.Add($"{placement.Name}'s reference set {reference.SetNumber} no longer has its images.");
                continue;
            }
            var images = await ReferencesAsync(context, set.Select(i => (i.Id, i.Sha256, i.DisplayName)).ToList(), cancellationToken);
            var placedAt = reference.PlacedImageSha256 is { } placedSha ? Math.Max(0, set.FindIndex(i => i.Sha256 == placedSha)) : 0;
            var layoutPlacement = new LayoutPlacement(images[placedAt], Math.Clamp(placement.X, 0, 1), Math.Clamp(placement.Y, 0, 1),
                Math.Clamp(placement.Scale, 0.01, LayoutPlacement.MaxScale), placement.ZOrder);
            DriftScore drift;
            try
            {
                drift = scorer.Score(frames, layoutPlacement, images, cancellationToken: cancellationToken);
            }
            catch (ConsistencyException e)
            {
                notes.Add($"{placement.Name}: {e.Message}");
                continue;
            }

            var worst = drift.Frames.First(f => f.FrameIndex == drift.WorstFrameIndex);
            var worstImage = frames.First(f => f.Index == drift.WorstFrameIndex).Image;
            var crop = worst.Region.Crop;
            score.Characters.Add(new CharacterDrift
            {
                TakeId = take.Id,
                ProjectId = take.ProjectId,
                ShotId = take.ShotId,
                CharacterId = placement.CharacterId,
                CharacterName = reference.Name,
                ReferenceSetId = reference.ReferenceSetId,
                SetNumber = reference.SetNumber,
                MethodVersion = drift.MethodVersion,
                Score = drift.Score,
                Colour = drift.Signals.Colour,
                Structure = drift.Signals.Structure,
                Embedding = drift.Signals.Embedding,
                MeanScore = drift.MeanScore,
                PeakColour = drift.PeakSignals.Colour,
                PeakStructure = drift.PeakSignals.Structure,
                PeakEmbedding = drift.PeakSignals.Embedding,
                WorstFrameIndex = drift.WorstFrameIndex,
                ReferenceIndex = drift.ReferenceIndex,
                ReferenceImageId = drift.ReferenceIndex < set.Count ? set[drift.ReferenceIndex].Id : null,
                RegionX = crop.X / worstImage.Width,
                RegionY = crop.Y / worstImage.Height,
                RegionWidth = crop.Width / worstImage.Width,
                RegionHeight = crop.Height / worstImage.Height,
                WorstFramePng = Still(worstImage, settings.StillLongSide),
            });
        }
        score.Note = notes.Count == 0 ? null : string.Join(" ", notes);
    }

    // Locked reference images never change, so the same decoded image serves every take that used it, and the
    // scorer's per-reference work (backdrop mask, patches, embeddings), which it keys on the image instance, is done
    // once per reference instead of once per take.
    private async Task<List<RgbImage>> ReferencesAsync(StudioDbContext context, List<(int Id, string Sha256, string DisplayName)> set, CancellationToken cancellationToken)
    {
        var missing = set.Where(i => !_references.TryGetValue((i.Id, i.Sha256), out _)).Select(i => i.Id).ToList();
        if (missing.Count > 0)
        {
            var pngs = await context.ReferenceImageContents.AsNoTracking()
                .Where(c => missing.Contains(c.ReferenceImageId))
                .Select(c => new { c.ReferenceImageId, c.Png })
                .ToDictionaryAsync(c => c.ReferenceImageId, c => c.Png, cancellationToken);
            if (_references.Count + missing.Count > ReferenceCacheSize)
            {
                _references.Clear();
            }
            foreach (var image in set.Where(i => pngs.ContainsKey(i.Id)))
            {
                _references[(image.Id, image.Sha256)] = decoder.Decode(pngs[image.Id], image.DisplayName);
            }
        }
        return set.Select(i => _references.TryGetValue((i.Id, i.Sha256), out var image)
            ? image
            : throw new ConsistencyException($"Reference image '{i.DisplayName}' has no stored picture; lock a new reference set and regenerate the take.")).ToList();
    }

    // A take whose rendered frames are not held here (rendered before a restart or by another process, or scored again
    // on demand): the keyframe from its PNG and the clip decoded once, at the analysis size, streaming through the meter.
    private async Task<(List<TakeFrame> Frames, FlickerScore Flicker, int Read, RgbImage First, RgbImage Last)> DecodeAsync(
        Take take, RenderInputs inputs, ReviewOptions settings, CancellationToken cancellationToken)
    {
        var keyframe = decoder.Decode(await files.GetLocalPathAsync(take.KeyframePath, cancellationToken));
        var (width, height) = ImageDecoder.FitWithin(keyframe.Width, keyframe.Height, settings.AnalysisLongSide, settings.AnalysisLongSide);
        if (width != keyframe.Width || height != keyframe.Height)
        {
            keyframe = ImageResampler.Resize(keyframe, width, height);
        }

        // Clip frame i of n shows the camera move at progress i/n, exactly as the renderer made it.
        var frameCount = Math.Max(1, take.FrameCount);
        var sampled = DriftScorer.SampleFrameIndices(frameCount, settings.SampledFrames).ToHashSet();
        var frames = new List<TakeFrame> { TakeFrame.Keyframe(keyframe) };
        var flicker = new TemporalFlicker();
        RgbImage? first = null;
        RgbImage? last = null;
        var read = await clips.ReadAsync(await files.GetLocalPathAsync(take.ClipPath, cancellationToken), width, height, (index, image) =>
        {
            var frame = TakeFrame.FromShot(Math.Min(index, frameCount), frameCount, image, inputs.CameraMove);
            flicker.Add(frame);
            first ??= image;
            last = image;
            if (sampled.Contains(index))
            {
                frames.Add(frame);
            }
        }, cancellationToken);

        return (frames, flicker.Result(), read, first!, last!);
    }

    private DriftScorer Scorer(string packId)
    {
        ExplainerStudio.Generation.Packs.ModelPack? pack = null;
        try
        {
            pack = engine.GetPack(packId);
        }
        catch (GenerationUnavailableException e)
        {
            // Colour and structure still score on the same 0..1 scale; only the embedding signal is missing.
            logger.LogInformation("Scoring without embeddings: {Reason}", e.Message);
        }
        if (pack is null)
        {
            return _scorers.GetOrAdd("", _ => new DriftScorer());
        }
        return _scorers.GetOrAdd(pack.Directory, _ => new DriftScorer(PackImageEmbedder.For(engine.Runtime, pack)));
    }

    private static byte[] Still(RgbImage image, int longSide)
    {
        var (width, height) = ImageDecoder.FitWithin(image.Width, image.Height, longSide, longSide);
        return PngEncoder.Encode(width == image.Width && height == image.Height ? image : ImageResampler.Resize(image, width, height));
    }
}
