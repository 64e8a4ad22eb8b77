using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Tests.Pipelines;

namespace ExplainerStudio.Generation.Tests.Consistency;

public sealed class DriftScorerTests : IClassFixture<GeneratedPrevizPack>
{
    private readonly GeneratedPrevizPack _previz;

    public DriftScorerTests(GeneratedPrevizPack previz)
    {
        _previz = previz;
    }

    [Fact]
    public void IdenticalImages_ScoreNearZero_OnEverySignal()
    {
        RgbImage reference = ConsistencyImages.RedDisc();
        var placement = new LayoutPlacement(reference, 0.5, 0.5, 0.75);
        RgbImage keyframe = ConsistencyImages.Layout(128, 128, placement);
        var scorer = new DriftScorer(new PackImageEmbedder(_previz.Runtime, _previz.Pack));

        DriftScore score = scorer.Score([TakeFrame.Keyframe(keyframe)], placement, [reference]);

        Assert.InRange(score.Score, 0, 0.08);
        Assert.InRange(score.Signals.Colour, 0, 0.1);
        Assert.InRange(score.Signals.Structure, 0, 0.1);
        Assert.NotNull(score.Signals.Embedding);
        Assert.InRange(score.Signals.Embedding!.Value, 0, 0.1);
    }

    [Fact]
    public void UnrelatedImages_ScoreNearOne()
    {
        RgbImage reference = ConsistencyImages.RedDisc();
        var placement = new LayoutPlacement(reference, 0.5, 0.5, 0.75);
        RgbImage keyframe = ConsistencyImages.Layout(128, 128, new LayoutPlacement(ConsistencyImages.Checks(), 0.5, 0.5, 0.75));
        var scorer = new DriftScorer(new PackImageEmbedder(_previz.Runtime, _previz.Pack));

        DriftScore score = scorer.Score([TakeFrame.Keyframe(keyframe)], placement, [reference]);

        Assert.InRange(score.Score, 0.85, 1);
        Assert.InRange(score.Signals.Colour, 0.9, 1);
    }

    [Fact]
    public void WithoutAnEmbedder_TheEmbeddingSignalIsAbsent_AndTheScaleIsTheSame()
    {
        RgbImage reference = ConsistencyImages.RedDisc();
        var placement = new LayoutPlacement(reference, 0.5, 0.5, 0.75);
        RgbImage same = ConsistencyImages.Layout(128, 128, placement);
        RgbImage other = ConsistencyImages.Layout(128, 128, new LayoutPlacement(ConsistencyImages.Checks(), 0.5, 0.5, 0.75));
        var scorer = new DriftScorer();

        DriftScore near = scorer.Score([TakeFrame.Keyframe(same)], placement, [reference]);
        DriftScore far = scorer.Score([TakeFrame.Keyframe(other)], placement, [reference]);

        Assert.False(scorer.HasEmbeddings);
        Assert.Null(near.Signals.Embedding);
        Assert.InRange(near.Score, 0, 0.08);
        Assert.InRange(far.Score, 0.85, 1);
    }

    [Fact]
    public void BestMatchingReference_IsChosen_AndTheWorstFrameIsReported()
    {
        RgbImage disc = ConsistencyImages.RedDisc();
        RgbImage checks = ConsistencyImages.Checks();
        var placement = new LayoutPlacement(disc, 0.5, 0.5, 0.75);
        TakeFrame good = TakeFrame.Keyframe(ConsistencyImages.Layout(128, 128, placement));
        // Checks drawn smaller than placed: nearest to the checks reference, but clearly off (both frames would
        // otherwise match a reference almost exactly, and the worst of two near-zero scores is a tie-break).
        var bad = new TakeFrame(3, ConsistencyImages.Layout(128, 128, new LayoutPlacement(checks, 0.5, 0.5, 0.55)), CropWindow.Full(good.Image));

        DriftScore score = new DriftScorer().Score([good, bad], placement, [checks, disc]);

        Assert.Equal(1, score.Frames[0].ReferenceIndex);
        Assert.Equal(3, score.WorstFrameIndex);
        Assert.Equal(0, score.ReferenceIndex);
        Assert.True(score.MeanScore < score.Score);
    }

    [Fact]
    public async Task TakeRenderedAgainstTheWrongReferences_IsFlaggedAtTheDefaultThreshold()
    {
        var pipeline = new DiffusionPipeline(_previz.Runtime, _previz.Pack);
        IReadOnlyList<BenchCharacter> characters = BenchSubjects.Characters();
        BenchCharacter own = characters[0];
        BenchCharacter other = characters[1];
        var scorer = new DriftScorer(new PackImageEmbedder(_previz.Runtime, _previz.Pack));
        var thresholds = new ConsistencyThresholds();
        LayoutPlacement placement = new(own.References[0], 0.5, 0.55, 0.7);

        DriftScore faithful = scorer.Score(await RenderAsync(pipeline, own), placement, own.References);
        DriftScore drifted = scorer.Score(await RenderAsync(pipeline, other), placement, own.References);

        Assert.True(drifted.Score > faithful.Score, $"drifted {drifted.Score} vs faithful {faithful.Score}");
        Assert.True(thresholds.IsDrifted(drifted), $"drifted {drifted.Score} is under the default {thresholds.Drifted}");
    }

    [Fact]
    public void Score_RecordsTheMethodVersion_AndThresholdsRefuseAnOtherVersion()
    {
        RgbImage reference = ConsistencyImages.RedDisc();
        var placement = new LayoutPlacement(reference, 0.5, 0.5, 0.75);
        DriftScore score = new DriftScorer().Score([TakeFrame.Keyframe(ConsistencyImages.Layout(128, 128, placement))], placement, [reference]);

        Assert.Equal(ConsistencyMethod.Version, score.MethodVersion);
        Assert.True(score.IsCurrentMethod);
        var old = score with { MethodVersion = ConsistencyMethod.Version - 1 };
        ConsistencyException error = Assert.Throws<ConsistencyException>(() => new ConsistencyThresholds().IsDrifted(old));
        Assert.Contains("rescore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_IsRefusedWithAMessage()
    {
        RgbImage reference = ConsistencyImages.RedDisc();
        var placement = new LayoutPlacement(reference, 0.5, 0.5, 0.75);
        TakeFrame frame = TakeFrame.Keyframe(ConsistencyImages.Layout(128, 128, placement));
        var scorer = new DriftScorer();
        var outside = new LayoutPlacement(reference, 1, 1, 0.01);
        var smaller = TakeFrame.Keyframe(ConsistencyImages.Layout(64, 64, placement));

        Assert.Contains("reference", Assert.Throws<ConsistencyException>(() => scorer.Score([frame], placement, [])).Message, StringComparison.Ordinal);
        Assert.Contains("keyframe", Assert.Throws<ConsistencyException>(() => scorer.Score([], placement, [reference])).Message, StringComparison.Ordinal);
        Assert.Contains("not visible", Assert.Throws<ConsistencyException>(() => scorer.Score([frame], outside, [reference])).Message, StringComparison.Ordinal);
        Assert.Contains("resize", Assert.Throws<ConsistencyException>(() => scorer.Score([frame, smaller], placement, [reference])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddingSeveralImagesInOneRun_GivesWhatEmbeddingEachAloneGives()
    {
        var embedder = new PackImageEmbedder(_previz.Runtime, _previz.Pack);
        RgbImage[] images = [ConsistencyImages.RedDisc(), ConsistencyImages.Checks(), ConsistencyImages.Layout(96, 64, new LayoutPlacement(ConsistencyImages.RedDisc(), 0.3, 0.5, 0.6))];

        IReadOnlyList<float[]> together = embedder.EmbedAll(images);

        Assert.Equal(PackImageEmbedder.MaxBatch, embedder.BatchSize);
        Assert.Equal(images.Length, together.Count);
        for (int i = 0; i < images.Length; i++)
        {
            float[] alone = embedder.Embed(images[i]);
            Assert.Equal(alone.Length, together[i].Length);
            Assert.All(Enumerable.Range(0, alone.Length), k => Assert.Equal(alone[k], together[i][k], 1e-5f));
        }

        Assert.NotEqual(together[0], together[1]);
        Assert.Empty(embedder.EmbedAll([]));
    }

    [Fact]
    public void AReferenceDecodedAgain_ScoresAsTheFirstCopyDid()
    {
        RgbImage reference = ConsistencyImages.RedDisc();
        RgbImage copy = new(reference.Width, reference.Height, (byte[])reference.Pixels.Clone());
        var placement = new LayoutPlacement(reference, 0.45, 0.5, 0.7);
        TakeFrame frame = TakeFrame.Keyframe(ConsistencyImages.Layout(128, 96, new LayoutPlacement(ConsistencyImages.Checks(), 0.45, 0.5, 0.7)));
        var scorer = new DriftScorer(new PackImageEmbedder(_previz.Runtime, _previz.Pack));

        DriftScore first = scorer.Score([frame], placement, [reference]);
        DriftScore again = scorer.Score([frame], new LayoutPlacement(copy, 0.45, 0.5, 0.7), [copy]);
        DriftScore fresh = new DriftScorer(new PackImageEmbedder(_previz.Runtime, _previz.Pack)).Score([frame], placement, [copy]);
        RgbImage other = new(reference.Width, reference.Height, reference.Pixels.Select(b => (byte)(255 - b)).ToArray());
        DriftScore different = scorer.Score([frame], new LayoutPlacement(other, 0.45, 0.5, 0.7), [other]);

        Assert.Equal(first.Score, again.Score);
        Assert.Equal(fresh.Score, again.Score);
        Assert.Equal(fresh.Signals, again.Signals);
        Assert.NotEqual(first.Signals, different.Signals);
    }

    private static async Task<List<TakeFrame>> RenderAsync(DiffusionPipeline pipeline, BenchCharacter renderedAs)
    {
        var placement = new LayoutPlacement(renderedAs.References[0], 0.5, 0.55, 0.7);
        var request = new GenerationRequest
        {
            Prompt = "a classroom, flat illustration",
            Width = 320,
            Height = 176,
            Steps = 10,
            Seed = 11,
            InitImage = ConsistencyImages.Layout(320, 176, placement),
            Strength = 0.45f,
            ReferenceImages = renderedAs.References,
            PreviewEvery = 0,
        };
        var frames = new List<TakeFrame>();
        await foreach (ShotFrame frame in pipeline.RenderShotAsync(request, CameraMove.PanRight, 6))
        {
            if (frame.Index is 0 or 3 or 6)
            {
                frames.Add(TakeFrame.FromShot(frame.Index, frame.FrameCount, frame.Image, CameraMove.PanRight));
            }
        }

        return frames;
    }
}
