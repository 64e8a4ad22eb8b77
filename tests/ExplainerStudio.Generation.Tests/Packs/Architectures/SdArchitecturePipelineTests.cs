using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Pipelines;
using Xunit.Abstractions;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>The real DiffusionPipeline over the generated SD 1.x architectures: the code path a downloaded pack takes.</summary>
public sealed class SdArchitecturePipelineTests : IClassFixture<GeneratedTinySdPack>
{
    private readonly DiffusionPipeline _pipeline;
    private readonly ITestOutputHelper _output;

    public SdArchitecturePipelineTests(GeneratedTinySdPack tiny, ITestOutputHelper output)
    {
        _pipeline = new DiffusionPipeline(tiny.Runtime, tiny.Pack);
        _output = output;
    }

    private static GenerationRequest Request(string prompt = "a presenter in a red jacket") => new()
    {
        Prompt = prompt,
        Width = 64,
        Height = 48,
        Steps = 4,
        GuidanceScale = 1f,
        Seed = 11,
    };

    [Fact]
    public void TextToImage_IsDeterministicPerSeed_AndFollowsThePrompt()
    {
        GenerationResult first = _pipeline.Generate(Request());
        GenerationResult again = _pipeline.Generate(Request());
        GenerationResult otherPrompt = _pipeline.Generate(Request("blue sky over a green field"));
        GenerationResult otherSeed = _pipeline.Generate(Request() with { Seed = 12 });

        Assert.Equal(64, first.Image.Width);
        Assert.Equal(48, first.Image.Height);
        Assert.Equal(4, first.Recipe.StepsRun);
        Assert.True(TensorStats.StandardDeviation(first.Image.Pixels) > 1, "A random-weight decoder still draws a varied image, not a flat one.");
        Assert.Equal(first.Image.Pixels, again.Image.Pixels);
        Assert.NotEqual(first.Image.Pixels, otherPrompt.Image.Pixels);
        Assert.NotEqual(first.Image.Pixels, otherSeed.Image.Pixels);
        _output.WriteLine($"tiny UNet, 64x48, batch 1: {first.Timings.UnetInsideRuntime.TotalMilliseconds / first.Recipe.StepsRun:F1} ms per step inside ONNX Runtime");
    }

    [Fact]
    public void ImageToImage_FromALayout_RunsTheStrengthShareOfSteps()
    {
        GenerationRequest request = Request() with { InitImage = Layout(64, 48), Strength = 0.5f, Steps = 6 };

        GenerationResult first = _pipeline.Generate(request);
        GenerationResult again = _pipeline.Generate(request);
        GenerationResult textToImage = _pipeline.Generate(request with { InitImage = null });

        Assert.Equal(3, first.Recipe.StepsRun);
        Assert.Equal(64, first.Image.Width);
        Assert.Equal(48, first.Image.Height);
        Assert.Equal(first.Image.Pixels, again.Image.Pixels);
        Assert.NotEqual(first.Image.Pixels, textToImage.Image.Pixels);
    }

    [Fact]
    public void Guidance_RunsBatchedClassifierFreeGuidance_AndChangesTheImage()
    {
        GenerationRequest guided = Request() with { GuidanceScale = 7.5f, NegativePrompt = "blurry" };

        GenerationResult first = _pipeline.Generate(guided);
        GenerationResult again = _pipeline.Generate(guided);
        GenerationResult unguided = _pipeline.Generate(Request());
        GenerationResult otherNegative = _pipeline.Generate(guided with { NegativePrompt = "dark" });

        Assert.Equal(7.5f, first.Recipe.GuidanceScale);
        Assert.Equal(first.Image.Pixels, again.Image.Pixels);
        Assert.NotEqual(first.Image.Pixels, unguided.Image.Pixels);
        Assert.NotEqual(first.Image.Pixels, otherNegative.Image.Pixels);
        _output.WriteLine($"tiny UNet, 64x48, CFG batch 2: {first.Timings.UnetInsideRuntime.TotalMilliseconds / first.Recipe.StepsRun:F1} ms per step inside ONNX Runtime");
    }

    private static RgbImage Layout(int width, int height)
    {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool figure = x > width / 3 && x < width / 2 && y > height / 4;
                (byte r, byte g, byte b) = y > height * 3 / 4 ? ((byte)70, (byte)60, (byte)50)
                    : figure ? ((byte)200, (byte)40, (byte)40)
                    : ((byte)200, (byte)210, (byte)225);
                int i = ((y * width) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
