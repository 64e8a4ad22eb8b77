using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>A float16 export of the same architectures: fp16 inputs, weights and outputs through the real pipeline.</summary>
public sealed class SdArchitectureFp16Tests : IClassFixture<GeneratedTinyFp16Pack>
{
    private readonly GeneratedTinyFp16Pack _fp16;

    public SdArchitectureFp16Tests(GeneratedTinyFp16Pack fp16)
    {
        _fp16 = fp16;
    }

    [Fact]
    public void Fp16Pack_LoadsAndGeneratesDeterministically()
    {
        Assert.True(_fp16.Report.IsUsable, _fp16.Report.Summary);
        ModelPack pack = _fp16.Pack;
        Assert.Equal(TensorElementType.Float16, pack.TextEncoder.OutputType);
        Assert.Equal(TensorElementType.Float16, pack.Unet.SampleType);
        Assert.Equal(TensorElementType.Float16, pack.VaeDecoder.LatentType);

        var pipeline = new DiffusionPipeline(_fp16.Runtime, pack);
        var request = new GenerationRequest { Prompt = "a presenter in a red jacket", Width = 64, Height = 48, Steps = 4, GuidanceScale = 3f, Seed = 9 };
        GenerationResult first = pipeline.Generate(request);
        GenerationResult again = pipeline.Generate(request);
        GenerationResult otherPrompt = pipeline.Generate(request with { Prompt = "blue sky over a green field" });

        Assert.Equal(64, first.Image.Width);
        Assert.Equal(48, first.Image.Height);
        Assert.True(TensorStats.StandardDeviation(first.Image.Pixels) > 1, "The fp16 network must not collapse to a flat image.");
        Assert.Equal(first.Image.Pixels, again.Image.Pixels);
        Assert.NotEqual(first.Image.Pixels, otherPrompt.Image.Pixels);
    }
}
