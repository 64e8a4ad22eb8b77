using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Demo;

namespace ExplainerStudio.Web.Rendering;

public sealed record TestRenderProgress(int Step, int TotalSteps, TimeSpan Elapsed, string? PreviewDataUrl);

public sealed record TestRenderResult(string LayoutDataUrl, string ImageDataUrl, GenerationRecipe Recipe, GenerationTimings Timings);

/// <summary>
/// "Test render" on the model packs page: the demo's two characters composited into a layout and refined by the pack
/// through the same pipeline a shot uses, so a user sees at once whether a pack works and what it makes of a layout.
/// </summary>
public sealed class TestRenderService(GenerationEngine engine)
{
    public const int Width = 512;
    public const int Height = 288;

    public async Task<TestRenderResult> RunAsync(string packId, IProgress<TestRenderProgress>? progress, CancellationToken cancellationToken)
    {
        await engine.WhenReadyAsync(cancellationToken);
        var pack = engine.GetPack(packId);
        var layout = new LayoutImage(Width, Height, LayoutBackground.Solid(new RgbColor(214, 228, 240)),
        [
            new LayoutPlacement(DemoCharacterArt.Ada(waving: true), 0.32, 0.58, 0.8, 0),
            new LayoutPlacement(DemoCharacterArt.Pixel(tilted: false), 0.7, 0.64, 0.6, 1),
        ]).Render();

        var request = new GenerationRequest
        {
            Prompt = "a classroom with a whiteboard, flat illustration",
            Width = Width,
            Height = Height,
            Seed = 42,
            Steps = 20,
            InitImage = layout,
            Strength = 0.5f,
            PreviewEvery = 2,
        };
        var forward = progress is null ? null : new Progress<GenerationProgress>(p =>
            progress.Report(new TestRenderProgress(p.Step, p.TotalSteps, p.Elapsed, p.Preview is null ? null : DataUrl(p.Preview))));
        var pipeline = new DiffusionPipeline(engine.Runtime, pack);
        var result = await Task.Run(() => pipeline.Generate(request, forward, cancellationToken), cancellationToken);
        return new TestRenderResult(DataUrl(layout), DataUrl(result.Image), result.Recipe, result.Timings);
    }

    internal static string DataUrl(RgbImage image) =>
        "data:image/png;base64," + Convert.ToBase64String(PngEncoder.Encode(image));
}
