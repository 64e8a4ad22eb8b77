using System.Diagnostics;
using System.Globalization;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Web.Demo;

/// <summary>
/// `previz-demo`: renders demo shots (Ada and Pixel in the classroom, Pixel alone, a shot with no character, and the
/// classroom with a colour word) through the previz pack at 1280×720, writes layout, keyframe and a few clip frames
/// as PNGs with the quality figures, and the README's demo keyframe (640×360) to <c>docs/previz-demo-keyframe.png</c>.
/// With <c>quick</c> each clip has 4 frames instead of the shot's 24 fps length.
/// </summary>
public static class PrevizDemoRender
{
    private const int Width = 1280;
    private const int Height = 720;
    private static readonly RgbColor Background = new(214, 228, 240);

    public static async Task<int> RunAsync(string contentRoot, string outputDirectory, bool quick = false, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputDirectory);
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu });
        var loader = new ModelPackLoader(runtime);
        var report = loader.Inspect(Path.Combine(contentRoot, "models", "previz"));
        var pack = report.Pack ?? throw new ModelPackException("previz", report.Summary);
        var pipeline = new DiffusionPipeline(runtime, pack);

        var ada = DemoCharacterArt.Ada(waving: false);
        var adaWaving = DemoCharacterArt.Ada(waving: true);
        var pixel = DemoCharacterArt.Pixel(tilted: false);
        var pixelTilted = DemoCharacterArt.Pixel(tilted: true);
        (string Name, string Prompt, CameraMove Move, (RgbImage[] Set, double X, double Y, double Scale)[] Placements)[] shots =
        [
            ("meet", "a classroom with a whiteboard, flat illustration", CameraMove.DollyIn, [([ada, adaWaving], 0.33, 0.62, 0.75), ([pixel, pixelTilted], 0.7, 0.68, 0.55)]),
            ("noise", "colourful random noise on a big screen", CameraMove.ZoomIn, [([pixel, pixelTilted], 0.3, 0.65, 0.6)]),
            ("empty", "a sunset over the sea, warm orange light", CameraMove.PanRight, []),
            ("blue", "a blue classroom with a whiteboard, flat illustration", CameraMove.Static, [([ada, adaWaving], 0.33, 0.62, 0.75), ([pixel, pixelTilted], 0.7, 0.68, 0.55)]),
        ];

        foreach (var shot in shots)
        {
            var placements = shot.Placements.Select(p => new LayoutPlacement(p.Set[0], p.X, p.Y, p.Scale)).ToList();
            var layoutImage = new LayoutImage(Width, Height, LayoutBackground.Solid(Background), placements);
            var layout = layoutImage.Render();
            var request = new GenerationRequest
            {
                Prompt = shot.Prompt,
                Width = Width,
                Height = Height,
                Steps = 20,
                GuidanceScale = 7.5f,
                Seed = 42,
                InitImage = layout,
                Strength = 0.45f,
                ReferenceImages = shot.Placements.SelectMany(p => p.Set).ToList(),
                PreviewEvery = 0,
            };

            var clock = Stopwatch.StartNew();
            var frames = new List<RgbImage>();
            RgbImage? keyframe = null;
            var frameCount = quick ? 4 : shot.Name == "meet" ? 96 : 24;
            await foreach (var frame in pipeline.RenderShotAsync(request, shot.Move, frameCount, cancellationToken: cancellationToken))
            {
                if (frame.IsKeyframe)
                {
                    keyframe = frame.Image;
                }
                else
                {
                    frames.Add(frame.Image);
                }
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var key = keyframe ?? throw new InvalidOperationException("The pipeline produced no keyframe.");

            bool IsBackground(int x, int y) => placements.All(p =>
            {
                var (left, top, w, h) = layoutImage.PlacedBounds(p);
                return x < left - 8 || x >= left + w + 8 || y < top - 8 || y >= top + h + 8;
            });
            var expected = Enumerable.Range(1, frameCount).Select(i => CameraMotion.RenderFrame(key, shot.Move, (double)i / frameCount)).ToList();
            var fidelity = placements.Select(p => Fidelity(layoutImage, p, key)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shot.Name}: {seconds:0.00} s for keyframe + {frameCount} frames; grain {RenderQuality.HighFrequencyEnergy(key, IsBackground):0.00} (layout {RenderQuality.HighFrequencyEnergy(layout, IsBackground):0.00}); " +
                $"ssim {string.Join(", ", fidelity.Select(f => f.ToString("0.000", CultureInfo.InvariantCulture)))}; mean {RenderQuality.MeanColour(key, IsBackground)}; flicker {RenderQuality.Flicker(frames, expected):0.00}"));

            await Write(outputDirectory, $"{shot.Name}-layout.png", layout, cancellationToken);
            await Write(outputDirectory, $"{shot.Name}-keyframe.png", key, cancellationToken);
            await Write(outputDirectory, $"{shot.Name}-frame-mid.png", frames[frames.Count / 2], cancellationToken);
            await Write(outputDirectory, $"{shot.Name}-frame-last.png", frames[^1], cancellationToken);
            if (shot.Name == "meet")
            {
                var docs = Path.Combine(contentRoot, "docs");
                Directory.CreateDirectory(docs);
                await Write(docs, "previz-demo-keyframe.png", ImageResampler.Resize(key, Width / 2, Height / 2), cancellationToken);
            }
        }
        return 0;
    }

    private static double Fidelity(LayoutImage layout, LayoutPlacement placement, RgbImage keyframe)
    {
        var (left, top, w, h) = layout.PlacedBounds(placement);
        int x0 = Math.Max(0, left), y0 = Math.Max(0, top), x1 = Math.Min(Width, left + w), y1 = Math.Min(Height, top + h);
        var region = ImageResampler.Resample(keyframe, new CropWindow(x0, y0, x1 - x0, y1 - y0), x1 - x0, y1 - y0);
        var reference = ImageResampler.Resample(ImageResampler.Resize(placement.Reference, w, h), new CropWindow(x0 - left, y0 - top, x1 - x0, y1 - y0), x1 - x0, y1 - y0);
        return RenderQuality.Ssim(region, reference);
    }


    private static Task Write(string directory, string name, RgbImage image, CancellationToken cancellationToken) =>
        File.WriteAllBytesAsync(Path.Combine(directory, name), PngEncoder.Encode(image), cancellationToken);
}
