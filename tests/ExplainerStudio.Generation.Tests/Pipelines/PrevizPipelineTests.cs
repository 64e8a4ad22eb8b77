using System.Text;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Pipelines;

/// <summary>The pipeline on the embedded previz pack: the same code path a real model pack takes.</summary>
public sealed class PrevizPipelineTests : IClassFixture<GeneratedPrevizPack>
{
    private readonly GeneratedPrevizPack _previz;
    private readonly DiffusionPipeline _pipeline;

    public PrevizPipelineTests(GeneratedPrevizPack previz)
    {
        _previz = previz;
        _pipeline = new DiffusionPipeline(previz.Runtime, previz.Pack);
    }

    private static GenerationRequest Request(ulong seed = 7) => new()
    {
        Prompt = "a presenter in a red jacket beside a whiteboard",
        NegativePrompt = "blurry",
        Width = 128,
        Height = 96,
        Steps = 8,
        Seed = seed,
        InitImage = Layout(128, 96),
        Strength = 0.6f,
    };

    [Fact]
    public void PrevizPack_IsDetectedWithImageTokens()
    {
        ModelPack pack = _previz.Pack;

        Assert.Equal(ModelPackKind.Previz, pack.Kind);
        Assert.True(pack.SupportsImageConditioning);
        Assert.True(pack.SizeBytes < 5_000_000, "The committed pack must stay small.");
    }

    [Fact]
    public void SameSeed_GivesIdenticalBytes()
    {
        byte[] first = _pipeline.Generate(Request()).Image.Pixels;
        byte[] second = _pipeline.Generate(Request()).Image.Pixels;
        byte[] textToImage = _pipeline.Generate(Request() with { InitImage = null }).Image.Pixels;

        Assert.Equal(first, second);
        Assert.Equal(textToImage, _pipeline.Generate(Request() with { InitImage = null }).Image.Pixels);
    }

    [Fact]
    public void DifferentSeed_GivesADifferentImage()
    {
        byte[] first = _pipeline.Generate(Request(seed: 1)).Image.Pixels;
        byte[] second = _pipeline.Generate(Request(seed: 2)).Image.Pixels;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void DifferentPrompt_GivesADifferentImage()
    {
        byte[] red = _pipeline.Generate(Request() with { Prompt = "red" }).Image.Pixels;
        byte[] blue = _pipeline.Generate(Request() with { Prompt = "blue" }).Image.Pixels;

        Assert.NotEqual(red, blue);
    }

    [Fact]
    public void StrengthZero_ReturnsTheInitImageWithinTheVaeRoundTrip()
    {
        RgbImage layout = Layout(128, 96);
        var codec = new LatentCodec(_previz.Runtime, _previz.Pack);
        RgbImage roundTrip = codec.Decode(codec.Encode(layout, null, CancellationToken.None), 12, 16, CancellationToken.None);

        GenerationResult result = _pipeline.Generate(Request() with { InitImage = layout, Strength = 0f });

        Assert.Equal(0, result.Recipe.StepsRun);
        Assert.Equal(roundTrip.Pixels, result.Image.Pixels);
        Assert.True(MeanAbsoluteDifference(layout, result.Image) < 12, "The VAE round trip should keep the layout recognisable.");
    }

    [Fact]
    public void ProgressCount_EqualsSteps()
    {
        var textToImage = new RecordingProgress<GenerationProgress>();
        var imageToImage = new RecordingProgress<GenerationProgress>();

        _pipeline.Generate(Request() with { InitImage = null, Steps = 6 }, textToImage);
        GenerationResult result = _pipeline.Generate(Request() with { Steps = 10, Strength = 0.5f }, imageToImage);

        Assert.Equal(6, textToImage.Reports.Count);
        Assert.Equal(result.Recipe.StepsRun, imageToImage.Reports.Count);
        Assert.Equal(5, imageToImage.Reports.Count);
        Assert.NotNull(imageToImage.Reports[^1].Preview);
    }

    [Fact]
    public void FittedPreviewMap_ShowsEncodedColoursAsThemselves()
    {
        var codec = new LatentCodec(_previz.Runtime, _previz.Pack);
        LatentPreviewMap map = PreviewMapFit.Fit(codec, 4, 64, 64, CancellationToken.None)!;
        var teal = new RgbColor(30, 150, 140);

        float[] latents = codec.Encode(RgbImage.Solid(64, 48, teal), null, CancellationToken.None);
        RgbColor shown = LatentPreview.Render(latents, 8, 6, map).GetPixel(3, 3);

        Assert.InRange(shown.R, teal.R - 8, teal.R + 8);
        Assert.InRange(shown.G, teal.G - 8, teal.G + 8);
        Assert.InRange(shown.B, teal.B - 8, teal.B + 8);
    }

    [Fact]
    public void Cancellation_StopsWithinOneStep()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress<GenerationProgress>(r =>
        {
            if (r.Step == 3)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => _pipeline.Generate(Request() with { Steps = 30, Strength = 1f }, progress, cancellation.Token));

        Assert.Equal(3, progress.Reports.Count);
    }

    [Fact]
    public void ReferenceImages_ChangeTheImageThroughImageTokens()
    {
        RgbImage green = RgbImage.Solid(64, 64, new RgbColor(20, 200, 40));

        GenerationResult without = _pipeline.Generate(Request());
        GenerationResult with = _pipeline.Generate(Request() with { ReferenceImages = [green] });

        Assert.Equal(_previz.Pack.ImageEncoder!.TokensPerImage, with.Recipe.ImageTokens);
        Assert.NotEqual(without.Image.Pixels, with.Image.Pixels);
    }

    [Fact]
    public async Task ShotFrames_AreDeterministicAndFollowTheMove()
    {
        static RgbImage Pan(RgbImage key, int index, int count) => Shift(key, index * 4);

        List<ShotFrame> first = await Render();
        List<ShotFrame> second = await Render();

        Assert.Equal(4, first.Count);
        Assert.Equal(first.Select(f => f.Image.Pixels), second.Select(f => f.Image.Pixels));
        Assert.NotEqual(first[1].Image.Pixels, first[3].Image.Pixels);

        async Task<List<ShotFrame>> Render()
        {
            var frames = new List<ShotFrame>();
            await foreach (ShotFrame frame in _pipeline.RenderShotAsync(Request(), 3, Pan, refineStrength: 0.25f))
            {
                frames.Add(frame);
            }

            return frames;
        }
    }

    [Fact]
    public async Task CameraMoveShot_StreamsFramesOfTheKeyframeSize()
    {
        var frames = new List<ShotFrame>();
        await foreach (ShotFrame frame in _pipeline.RenderShotAsync(Request(), CameraMove.ZoomIn, frameCount: 2))
        {
            frames.Add(frame);
        }

        Assert.Equal([0, 1, 2], frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.Equal(128 * 96 * 3, f.Image.Pixels.Length));
        Assert.NotEqual(frames[1].Image, frames[2].Image);
    }

    [Fact]
    public void PrevizCopyWithAMisnamedUnetInput_IsReportedNotCrashedOn()
    {
        string copy = _previz.Scratch("previz-renamed");
        CopyDirectory(_previz.PackDirectory, copy);
        string unet = Path.Combine(copy, "unet", "model.onnx");

        // Same-length renaming keeps every protobuf length prefix valid: a real graph with one wrong input name.
        byte[] bytes = File.ReadAllBytes(unet);
        ReplaceAll(bytes, Encoding.UTF8.GetBytes("encoder_hidden_states"), Encoding.UTF8.GetBytes("encoder_hidden_statez"));
        File.WriteAllBytes(unet, bytes);

        ModelPackCatalog catalog = _previz.Loader.LoadAll(Path.GetDirectoryName(copy)!);

        ModelPackReport report = Assert.Single(catalog.Reports, r => r.Id == "previz-renamed");
        Assert.False(report.IsUsable);
        string problem = Assert.Single(report.Problems);
        Assert.StartsWith("unet/model.onnx has no input 'encoder_hidden_states': expected inputs sample, timestep, encoder_hidden_states", problem, StringComparison.Ordinal);
        Assert.Contains("encoder_hidden_statez", problem, StringComparison.Ordinal);
        Assert.Contains(catalog.Packs, p => p.Id == "previz");
    }

    /// <summary>A stand-in layout: a light background, a dark floor band and a red figure.</summary>
    private static RgbImage Layout(int width, int height)
    {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b) = y > height * 3 / 4 ? ((byte)70, (byte)60, (byte)50)
                    : (x > width / 3 && x < width / 2 && y > height / 4) ? ((byte)200, (byte)40, (byte)40)
                    : ((byte)200, (byte)210, (byte)225);
                int i = ((y * width) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
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

    private static double MeanAbsoluteDifference(RgbImage a, RgbImage b)
    {
        ReadOnlySpan<byte> x = a.Pixels.AsSpan();
        ReadOnlySpan<byte> y = b.Pixels.AsSpan();
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Abs(x[i] - y[i]);
        }

        return sum / x.Length;
    }

    private static void ReplaceAll(byte[] haystack, byte[] needle, byte[] replacement)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                replacement.CopyTo(haystack, i);
            }
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
