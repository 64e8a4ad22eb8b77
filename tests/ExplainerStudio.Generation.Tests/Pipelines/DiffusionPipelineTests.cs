using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Schedulers;
using ExplainerStudio.Generation.Tests.Packs;
using ExplainerStudio.Generation.Tests.Runtime;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Pipelines;

/// <summary>The denoising loop over synthetic packs that vary the way real exports do.</summary>
public sealed class DiffusionPipelineTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly OnnxRuntime _runtime = new(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });
    private readonly ModelPackLoader _loader;

    public DiffusionPipelineTests()
    {
        _loader = new ModelPackLoader(_runtime);
    }

    public void Dispose()
    {
        _runtime.Dispose();
        _folder.Dispose();
    }

    private static GenerationRequest Request(ulong seed = 1) => new()
    {
        Prompt = "a cat",
        NegativePrompt = "dog",
        Width = 64,
        Height = 48,
        Steps = 4,
        GuidanceScale = 5f,
        Seed = seed,
    };

    [Fact]
    public void SameSeed_GivesIdenticalBytes()
    {
        DiffusionPipeline pipeline = Pipeline();

        GenerationResult first = pipeline.Generate(Request(seed: 42));
        GenerationResult second = pipeline.Generate(Request(seed: 42));

        Assert.Equal(first.Image.Pixels, second.Image.Pixels);
        Assert.Equal(64, first.Image.Width);
        Assert.Equal(48, first.Image.Height);
    }

    [Fact]
    public void DifferentSeed_GivesADifferentImage()
    {
        DiffusionPipeline pipeline = Pipeline();

        byte[] first = pipeline.Generate(Request(seed: 1)).Image.Pixels;
        byte[] second = pipeline.Generate(Request(seed: 2)).Image.Pixels;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void DifferentPrompt_GivesADifferentImage()
    {
        DiffusionPipeline pipeline = Pipeline();

        byte[] cat = pipeline.Generate(Request()).Image.Pixels;
        byte[] dog = pipeline.Generate(Request() with { Prompt = "a dog" }).Image.Pixels;

        Assert.NotEqual(cat, dog);
    }

    [Fact]
    public void StrengthZero_ReturnsTheInitImageThroughTheVae()
    {
        DiffusionPipeline pipeline = Pipeline();
        RgbImage init = Blocks(64, 48);
        var progress = new RecordingProgress<GenerationProgress>();

        GenerationResult result = pipeline.Generate(Request() with { InitImage = init, Strength = 0f }, progress);

        Assert.Empty(progress.Reports);
        Assert.Equal(0, result.Recipe.StepsRun);
        AssertClose(init, result.Image, tolerance: 1);
    }

    [Fact]
    public void ProgressIsReportedOncePerStep_WithPreviewsEveryFewSteps()
    {
        DiffusionPipeline pipeline = Pipeline();
        var progress = new RecordingProgress<GenerationProgress>();

        GenerationResult result = pipeline.Generate(Request() with { Steps = 7, PreviewEvery = 3 }, progress);

        Assert.Equal(7, result.Recipe.StepsRun);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], progress.Reports.Select(r => r.Step));
        Assert.All(progress.Reports, r => Assert.Equal(7, r.TotalSteps));
        Assert.Equal([3, 6, 7], progress.Reports.Where(r => r.Preview is not null).Select(r => r.Step));
        RgbImage preview = progress.Reports[^1].Preview!;
        Assert.Equal((8, 6), (preview.Width, preview.Height));
    }

    [Fact]
    public void ImageToImage_RunsTheStrengthShareOfSteps()
    {
        DiffusionPipeline pipeline = Pipeline();
        var progress = new RecordingProgress<GenerationProgress>();

        GenerationResult result = pipeline.Generate(Request() with { Steps = 10, InitImage = Blocks(64, 48), Strength = 0.5f }, progress);

        Assert.Equal(5, result.Recipe.StepsRun);
        Assert.Equal(5, progress.Reports.Count);
        Assert.Equal(0.5f, result.Recipe.Strength);
    }

    [Fact]
    public void Cancellation_StopsWithinOneStep()
    {
        DiffusionPipeline pipeline = Pipeline();
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress<GenerationProgress>(r =>
        {
            if (r.Step == 2)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Generate(Request() with { Steps = 20 }, progress, cancellation.Token));

        Assert.Equal(2, progress.Reports.Count);
    }

    [Fact]
    public void Recipe_RecordsWhatDeterminedTheImage()
    {
        DiffusionPipeline pipeline = Pipeline();

        GenerationRecipe recipe = pipeline.Generate(Request(seed: 9) with { Scheduler = SchedulerKind.Ddim }).Recipe;

        Assert.Equal("tiny", recipe.PackId);
        Assert.Equal(pipeline.Pack.ContentHash, recipe.PackHash);
        Assert.Equal(9UL, recipe.Seed);
        Assert.Equal(SchedulerKind.Ddim, recipe.Scheduler);
        Assert.Equal(4, recipe.Steps);
        Assert.Equal(5f, recipe.GuidanceScale);
        Assert.Null(recipe.Strength);
        Assert.Matches(@"^cpu, ONNX Runtime 1\.31\.\d$", recipe.ExecutionProvider);
    }

    [Theory]
    [InlineData(SchedulerKind.Ddim)]
    [InlineData(SchedulerKind.Euler)]
    [InlineData(SchedulerKind.EulerAncestral)]
    public void EveryScheduler_IsDeterministicForASeed(SchedulerKind scheduler)
    {
        DiffusionPipeline pipeline = Pipeline();
        GenerationRequest request = Request(seed: 5) with { Scheduler = scheduler };

        Assert.Equal(pipeline.Generate(request).Image.Pixels, pipeline.Generate(request).Image.Pixels);
    }

    [Fact]
    public void HalfPrecisionPack_WithScalarTimestepAndLatentParameters_Generates()
    {
        DiffusionPipeline pipeline = Pipeline(new TestPackSpec
        {
            Float16 = true,
            ScalarTimestep = true,
            TimestepType = OnnxElementType.Float16,
            LatentParameters = true,
            InputIdsType = OnnxElementType.Int32,
        });
        GenerationRequest request = Request(seed: 3) with { InitImage = Blocks(64, 48), Strength = 0.6f };

        byte[] first = pipeline.Generate(request).Image.Pixels;
        byte[] second = pipeline.Generate(request).Image.Pixels;

        Assert.Equal(first, second);
        Assert.NotEqual(first, pipeline.Generate(request with { Seed = 4 }).Image.Pixels);
    }

    [Fact]
    public void LatentConsistencyPack_FeedsTheGuidanceEmbeddingInOnePass()
    {
        DiffusionPipeline pipeline = Pipeline(new TestPackSpec { LatentConsistency = true });

        GenerationResult result = pipeline.Generate(Request() with { Steps = 4, GuidanceScale = 8f });

        Assert.Equal(SchedulerKind.Lcm, result.Recipe.Scheduler);
        Assert.Equal(4, result.Recipe.StepsRun);
    }

    [Fact]
    public void UnetWithBatchFixedAtOne_RunsGuidanceAsTwoPasses_SameAsBatched()
    {
        byte[] batched = Pipeline(new TestPackSpec(), "batched").Generate(Request()).Image.Pixels;
        byte[] twoPasses = Pipeline(new TestPackSpec { UnetBatch = 1 }, "single").Generate(Request()).Image.Pixels;

        Assert.Equal(batched, twoPasses);
    }

    [Fact]
    public void ReferenceImages_BecomeImageTokensWhenTheUnetAcceptsThem()
    {
        DiffusionPipeline pipeline = Pipeline(new TestPackSpec { UnetSequence = OnnxDim.Symbolic("tokens"), ImageEncoder = true });
        RgbImage red = RgbImage.Solid(32, 32, new RgbColor(220, 30, 30));

        GenerationResult without = pipeline.Generate(Request());
        GenerationResult with = pipeline.Generate(Request() with { ReferenceImages = [red, red] });

        Assert.Equal(0, without.Recipe.ImageTokens);
        Assert.Equal(2, with.Recipe.ImageTokens);
        Assert.NotEqual(without.Image.Pixels, with.Image.Pixels);
    }

    [Fact]
    public void DedicatedImageTokenOutput_GivesItsTokenCountPerReference()
    {
        DiffusionPipeline pipeline = Pipeline(new TestPackSpec { UnetSequence = OnnxDim.Symbolic("tokens"), ImageEncoder = true, ImageEmbeddingSize = 5, ImageTokens = 3 });

        GenerationResult result = pipeline.Generate(Request() with { ReferenceImages = [RgbImage.Solid(16, 16, new RgbColor(10, 200, 10))] });

        Assert.Equal(3, result.Recipe.ImageTokens);
    }

    [Fact]
    public void UnetRequiringImageTokens_RunsWithZerosWhenThereAreNoReferences()
    {
        DiffusionPipeline pipeline = Pipeline(new TestPackSpec { UnetSequence = 81 });

        GenerationResult result = pipeline.Generate(Request());

        Assert.Equal(4, result.Recipe.ImageTokens);
    }

    [Fact]
    public async Task Shot_YieldsTheKeyframeThenRefinedFramesAlongTheMove()
    {
        DiffusionPipeline pipeline = Pipeline();
        var moves = new List<int>();
        RgbImage Move(RgbImage key, int index, int count)
        {
            moves.Add(index);
            return Shift(key, index);
        }

        var frames = new List<ShotFrame>();
        await foreach (ShotFrame frame in pipeline.RenderShotAsync(Request() with { InitImage = Blocks(64, 48), Strength = 0.8f }, 3, Move, refineStrength: 0.25f, refineEvery: 1))
        {
            frames.Add(frame);
        }

        Assert.Equal([0, 1, 2, 3], frames.Select(f => f.Index));
        Assert.True(frames[0].IsKeyframe);
        Assert.NotNull(frames[0].Result);
        Assert.All(frames.Skip(1), f => Assert.Null(f.Result));
        Assert.Equal([1, 2, 3], moves);
        Assert.All(frames, f => Assert.Equal((64, 48), (f.Image.Width, f.Image.Height)));
    }

    [Fact]
    public void BadRequests_AreRefusedWithAReason()
    {
        DiffusionPipeline pipeline = Pipeline();

        var size = Assert.Throws<ArgumentException>(() => pipeline.Generate(Request() with { Width = 60 }));
        var init = Assert.Throws<ArgumentException>(() => pipeline.Generate(Request() with { InitImage = Blocks(32, 32) }));

        Assert.StartsWith("Image size 60x48 is not possible", size.Message, StringComparison.Ordinal);
        Assert.StartsWith("The init image is 32x32 but the request is 64x48", init.Message, StringComparison.Ordinal);
    }

    private DiffusionPipeline Pipeline(TestPackSpec? spec = null, string name = "tiny")
    {
        ModelPackReport report = _loader.Inspect(TestPacks.Write(_folder.File(name), spec));
        Assert.True(report.IsUsable, report.Summary);
        return new DiffusionPipeline(_runtime, report.Pack!);
    }

    /// <summary>A picture of 8×8 blocks: the synthetic VAE (8×8 pooling, ×8 upsampling) reproduces it.</summary>
    private static RgbImage Blocks(int width, int height)
    {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int block = ((y / 8) * 7) + ((x / 8) * 3);
                int i = ((y * width) + x) * 3;
                pixels[i] = (byte)(40 + ((block * 37) % 180));
                pixels[i + 1] = (byte)(40 + ((block * 53) % 180));
                pixels[i + 2] = (byte)(40 + ((block * 71) % 180));
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static RgbImage Shift(RgbImage frame, int pixels)
    {
        byte[] shifted = new byte[frame.Pixels.Length];
        ReadOnlySpan<byte> source = frame.Pixels.AsSpan();
        for (int y = 0; y < frame.Height; y++)
        {
            for (int x = 0; x < frame.Width; x++)
            {
                int sx = Math.Min(frame.Width - 1, x + pixels);
                source.Slice(((y * frame.Width) + sx) * 3, 3).CopyTo(shifted.AsSpan(((y * frame.Width) + x) * 3, 3));
            }
        }

        return new RgbImage(frame.Width, frame.Height, shifted);
    }

    private static void AssertClose(RgbImage expected, RgbImage actual, int tolerance)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        ReadOnlySpan<byte> e = expected.Pixels.AsSpan();
        ReadOnlySpan<byte> a = actual.Pixels.AsSpan();
        int worst = 0;
        for (int i = 0; i < e.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(e[i] - a[i]));
        }

        Assert.True(worst <= tolerance, $"Largest difference {worst} exceeds {tolerance}.");
    }
}
