using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Randomness;
using ExplainerStudio.Generation.Tests.Previz;

namespace ExplainerStudio.Generation.Tests.Pipelines;

/// <summary>What a previz render looks like, measured: clean backgrounds, a recognisable character, the prompt's colour, steady clips.</summary>
public sealed class PrevizRenderQualityTests : IClassFixture<GeneratedPrevizPack>
{
    private const int Width = 320;
    private const int Height = 192;
    private const string Prompt = "a classroom with a whiteboard, flat illustration";
    private readonly GeneratedPrevizPack _previz;
    private readonly DiffusionPipeline _pipeline;
    private readonly PrevizBenchScene _scene = new(Width, Height);

    public PrevizRenderQualityTests(GeneratedPrevizPack previz)
    {
        _previz = previz;
        _pipeline = new DiffusionPipeline(previz.Runtime, previz.Pack);
    }

    [Fact]
    public void CharacterEdge_HasNoLightHaloInTheLayoutOrTheKeyframe()
    {
        var unkeyed = new PrevizBenchScene(Width, Height, keyBackdrop: false);

        RgbImage keyframe = _pipeline.Generate(_scene.Request(Prompt)).Image;
        RgbImage unkeyedKeyframe = _pipeline.Generate(unkeyed.Request(Prompt)).Image;

        // The bench character's backdrop (238, 241, 245) is about 15 levels of luma lighter than the scene (214, 228, 240).
        double before = unkeyed.Fringe(unkeyed.Layout);
        double after = _scene.Fringe(_scene.Layout);
        Assert.True(before > 8, $"the whole-rectangle composite should show its backdrop as a fringe: {before:F2}");
        Assert.InRange(after, -1, 1);
        double keyframeBefore = unkeyed.Fringe(unkeyedKeyframe);
        double keyframeAfter = _scene.Fringe(keyframe);
        Assert.True(keyframeAfter < keyframeBefore && Math.Abs(keyframeAfter) < 2, $"keyframe fringe {keyframeAfter:F2}, unkeyed {keyframeBefore:F2}");
    }

    [Fact]
    public void Keyframe_BackgroundKeepsAlmostNoneOfTheNoiseItStartedFrom()
    {
        GenerationRequest request = _scene.Request(Prompt);

        RgbImage keyframe = _pipeline.Generate(request).Image;

        // The grain the start noise would leave if the UNet removed none of it: the noised layout, decoded.
        double layout = RenderQuality.HighFrequencyEnergy(_scene.Layout, _scene.IsBackground);
        double noised = RenderQuality.HighFrequencyEnergy(NoisedLayout(request), _scene.IsBackground);
        double grain = RenderQuality.HighFrequencyEnergy(keyframe, _scene.IsBackground);
        Assert.True(grain < layout + (0.1 * (noised - layout)), $"background grain {grain:F3}; layout {layout:F3}, noised start {noised:F3}");
    }

    [Fact]
    public void ShotWithoutCharacters_IsACleanTintedBackground()
    {
        var empty = new PrevizBenchScene(Width, Height, withCharacter: false);

        RgbImage keyframe = _pipeline.Generate(empty.Request("a sunset over the sea, warm orange light")).Image;

        double grain = RenderQuality.HighFrequencyEnergy(keyframe);
        double noised = RenderQuality.HighFrequencyEnergy(NoisedLayout(empty.Request("a sunset over the sea, warm orange light")));
        Assert.True(grain < 0.1 * noised, $"grain {grain:F3} against {noised:F3} for the noised start");
        (double r, double g, double b) = RenderQuality.MeanColour(keyframe);
        double warmer = RenderQuality.ShiftToward((214, 228, 240), (r, g, b), new RgbColor(255, 128, 0));
        Assert.True(warmer > 8, $"a sunset should warm the pale blue background (214, 228, 240): mean ({r:F0}, {g:F0}, {b:F0}), {warmer:F1} levels toward orange");
        Assert.InRange(RenderQuality.RmsDifference(keyframe, RgbImage.Solid(Width, Height, new RgbColor((byte)r, (byte)g, (byte)b))), 0, 6);
    }

    [Fact]
    public void CharacterRegion_StaysRecognisableAtItsPlacedSize()
    {
        RgbImage keyframe = _pipeline.Generate(_scene.Request(Prompt)).Image;

        // The VAE's 8×8 latent pixels are the ceiling: compare with the layout passed through it and nothing else.
        var codec = new LatentCodec(_previz.Runtime, _previz.Pack);
        RgbImage roundTrip = codec.Decode(codec.Encode(_scene.Layout, null, CancellationToken.None), Height / 8, Width / 8, CancellationToken.None);
        double fidelity = _scene.Fidelity(keyframe);
        double ceiling = _scene.Fidelity(roundTrip);
        Assert.True(fidelity > 0.9 * ceiling, $"SSIM against the reference {fidelity:F3}; the VAE round trip gives {ceiling:F3}");
    }

    [Theory]
    [InlineData("red", 255, 0, 0)]
    [InlineData("blue", 0, 0, 255)]
    [InlineData("green", 0, 255, 0)]
    public void ColourWord_ShiftsTheBackgroundTowardThatColour(string word, byte r, byte g, byte b)
    {
        var plain = RenderQuality.MeanColour(_pipeline.Generate(_scene.Request(Prompt)).Image, _scene.IsBackground);
        var coloured = RenderQuality.MeanColour(_pipeline.Generate(_scene.Request($"a {word} classroom with a whiteboard, flat illustration")).Image, _scene.IsBackground);

        double shift = RenderQuality.ShiftToward(plain, coloured, new RgbColor(r, g, b));
        Assert.True(shift > 8, $"'{word}' moved the background {shift:F1} levels toward {word}");
    }

    [Fact]
    public async Task Clip_RefinesEveryNthFrame_TheSameAsRefiningAll_AndStaysAsSteady()
    {
        GenerationRequest request = _scene.Request(Prompt) with { Steps = 10 };

        List<ShotFrame> all = await Render(request, every: 1);
        List<ShotFrame> anchored = await Render(request, every: 4);

        Assert.Equal(all.Select(f => f.Index), anchored.Select(f => f.Index));
        Assert.Equal(all[4].Image.Pixels, anchored[4].Image.Pixels);
        Assert.Equal(all[8].Image.Pixels, anchored[8].Image.Pixels);
        Assert.Equal(anchored.Select(f => f.Image.Pixels), (await Render(request, every: 4)).Select(f => f.Image.Pixels));
        double steadyAll = Flicker(all);
        double steadyAnchored = Flicker(anchored);
        Assert.True(steadyAnchored <= steadyAll + 0.05, $"flicker {steadyAnchored:F3} refining every 4th frame, {steadyAll:F3} refining all");
    }

    private async Task<List<ShotFrame>> Render(GenerationRequest request, int every)
    {
        var frames = new List<ShotFrame>();
        await foreach (ShotFrame frame in _pipeline.RenderShotAsync(request, CameraMove.ZoomIn, 8, refineEvery: every))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static double Flicker(List<ShotFrame> frames)
    {
        RgbImage key = frames[0].Image;
        int count = frames.Count - 1;
        var expected = Enumerable.Range(1, count).Select(i => CameraMotion.RenderFrame(key, CameraMove.ZoomIn, (double)i / count)).ToList();
        return RenderQuality.Flicker(frames.Skip(1).Select(f => f.Image).ToList(), expected);
    }

    /// <summary>The layout noised to the request's first timestep (Euler, leading spacing: t = 401 for 9 of 20 steps), decoded.</summary>
    private RgbImage NoisedLayout(GenerationRequest request)
    {
        var codec = new LatentCodec(_previz.Runtime, _previz.Pack);
        float[] latents = codec.Encode(request.InitImage!, null, CancellationToken.None);
        double alpha = PrevizDenoiser.AlphasCumprod()[401];
        var noise = new float[latents.Length];
        new GaussianNoise(request.Seed).Fill(noise);
        float[] noised = latents.Select((x, i) => (float)(x + (Math.Sqrt((1 - alpha) / alpha) * noise[i]))).ToArray();
        return codec.Decode(noised, Height / 8, Width / 8, CancellationToken.None);
    }
}
