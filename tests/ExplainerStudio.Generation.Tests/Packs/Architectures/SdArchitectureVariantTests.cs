using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>The other export conventions (int64 input_ids, float timestep, LCM timestep_cond) through the real pipeline.</summary>
public sealed class SdArchitectureVariantTests : IClassFixture<GeneratedTinyLcmPack>
{
    private readonly GeneratedTinyLcmPack _lcm;

    public SdArchitectureVariantTests(GeneratedTinyLcmPack lcm)
    {
        _lcm = lcm;
    }

    private static GenerationRequest Request(float guidance) => new()
    {
        Prompt = "a presenter in a red jacket",
        Width = 64,
        Height = 48,
        Steps = 4,
        GuidanceScale = guidance,
        Seed = 5,
    };

    [Fact]
    public void LcmPack_IsDetectedWithItsConventions()
    {
        Assert.True(_lcm.Report.IsUsable, _lcm.Report.Summary);
        ModelPack pack = _lcm.Pack;

        Assert.Equal(ModelPackKind.LatentConsistency, pack.Kind);
        Assert.Equal(TensorElementType.Int64, pack.TextEncoder.InputIdsType);
        Assert.Equal(TensorElementType.Float, pack.Unet.TimestepType);
        Assert.Equal(256, pack.Unet.TimestepCondSize);
        Assert.Equal("LCMScheduler", pack.Scheduler.ClassName);
    }

    [Fact]
    public void LcmPack_Generates_WithGuidanceThroughTheEmbedding()
    {
        var pipeline = new DiffusionPipeline(_lcm.Runtime, _lcm.Pack);

        GenerationResult first = pipeline.Generate(Request(8f));
        GenerationResult again = pipeline.Generate(Request(8f));
        GenerationResult weaker = pipeline.Generate(Request(2f));

        Assert.Equal(64, first.Image.Width);
        Assert.Equal(48, first.Image.Height);
        Assert.Equal(4, first.Recipe.StepsRun);
        Assert.Equal(first.Image.Pixels, again.Image.Pixels);
        Assert.NotEqual(first.Image.Pixels, weaker.Image.Pixels);
    }
}
