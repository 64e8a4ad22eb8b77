using System.Globalization;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Packs.Architectures;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Previz;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// Command-line verbs of the studio binary besides serving: `worker` (a render worker process, ./studio.sh worker),
/// `bench` (used by ./studio.sh bench), `pack list|pull`
/// (./studio.sh pack), `generate-previz` (rewrites models/previz from its generator), `previz-demo` and
/// `generate-sd-pack` (writes a Stable Diffusion 1.x architecture pack with seeded weights, by default under the
/// ignored .cache/sd-packs folder). They share the host's content-root rules.
/// </summary>
public static class StudioCommands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        switch (args[0])
        {
            case "bench":
                return await BenchAsync(only: args.Length > 1 ? args[1] : null);
            case "pack":
                return await PackPullCommand.RunAsync(args[1..]);
            case "generate-previz":
                var target = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(StudioPaths.FindContentRoot(AppContext.BaseDirectory), "models", "previz");
                PrevizPackWriter.Write(target);
                Console.WriteLine($"Wrote the previz pack to {target}");
                return 0;
            case "previz-demo":
                var root = StudioPaths.FindContentRoot(AppContext.BaseDirectory);
                return await Demo.PrevizDemoRender.RunAsync(root, args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(root, "data", "previz-demo"), quick: args.Length > 2 && args[2] == "quick");
            case "worker":
                return await Workers.WorkerHost.RunAsync(args[1..]);
            case "generate-sd-pack":
                return GenerateSdPack(args[1..]);
            default:
                return null;
        }
    }

    /// <summary>`generate-sd-pack [--config tiny|tiny-lcm|tiny-fp16|sd15] [--out folder]`; the pack is never committed.</summary>
    private static int GenerateSdPack(string[] options)
    {
        string configName = "tiny";
        string? target = null;
        for (int i = 0; i < options.Length; i++)
        {
            string? value = i + 1 < options.Length ? options[i + 1] : null;
            switch (options[i])
            {
                case "--config" when value is not null:
                    configName = value;
                    i++;
                    break;
                case "--out" when value is not null:
                    target = Path.GetFullPath(value);
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"generate-sd-pack: unexpected '{options[i]}'. Usage: generate-sd-pack [--config tiny|tiny-lcm|tiny-fp16|sd15] [--out folder]");
                    return 2;
            }
        }

        SdArchitectureConfig config;
        try
        {
            config = SdArchitectureConfig.Named(configName);
        }
        catch (ArgumentException)
        {
            Console.Error.WriteLine($"generate-sd-pack: unknown configuration '{configName}'; use --config tiny, tiny-lcm, tiny-fp16 or sd15.");
            return 2;
        }

        target ??= Path.Combine(StudioPaths.FindContentRoot(AppContext.BaseDirectory), ".cache", "sd-packs", config.Name);
        SdArchitecturePackWriter.Write(config, target);
        Console.WriteLine($"Wrote the '{config.Name}' Stable Diffusion architecture pack (seeded random weights) to {target}");
        return 0;
    }

    /// <summary>Runs every benchmark, or only "generation" (with its "images" part), "rendering" or its "latency" part, "export", "consistency", "collaboration", "live", "scale" or "ui"; "gpu" runs only when named.</summary>
    private static async Task<int> BenchAsync(string? only)
    {
        var root = StudioPaths.FindContentRoot(AppContext.BaseDirectory);
        var benchDirectory = Path.Combine(root, "data", "bench");
        Directory.CreateDirectory(benchDirectory);

        if (only is null or "generation")
        {
            await BenchGenerationAsync(root, benchDirectory);
        }
        if (only is null or "generation" or "images")
        {
            await BenchImagesAsync(benchDirectory);
        }
        if (only is null or "rendering" or "latency")
        {
            await BenchRenderingAsync(root, benchDirectory, includeOverhead: only is not "latency");
        }
        if (only is null or "export")
        {
            await BenchExportAsync(benchDirectory);
        }
        if (only is null or "consistency")
        {
            await BenchConsistencyAsync(root, benchDirectory);
        }
        if (only is null or "collaboration")
        {
            await BenchCollaborationAsync(root, benchDirectory);
        }
        if (only is null or "live")
        {
            await BenchLiveAsync(root, benchDirectory);
        }
        if (only is null or "scale")
        {
            await BenchScaleAsync(root, benchDirectory);
        }
        if (only is null or "ui")
        {
            await BenchUiAsync(root, benchDirectory);
        }
        if (only is "gpu")
        {
            await BenchGpuAsync(root, benchDirectory);
        }
        return 0;
    }

    /// <summary>Writes a benchmark's figures to its JSON file and prints them (invariant culture: the files are compared across runs).</summary>
    private static void WriteFigures(IReadOnlyDictionary<string, double> figures, string path)
    {
        GenerationBenchmark.WriteJson(figures, path);
        foreach (var (name, value) in figures)
        {
            Console.WriteLine($"  {name}: {value.ToString("0.####", CultureInfo.InvariantCulture)}");
        }
        Console.WriteLine($"Wrote {path}");
    }

    private static async Task BenchGenerationAsync(string root, string benchDirectory)
    {
        Console.WriteLine("Generation benchmark (CPU): bench UNet steps, previz image-to-image, memory…");
        var figures = await GenerationBenchmark.RunAsync(new GenerationBenchmarkOptions
        {
            WorkDirectory = Path.Combine(benchDirectory, "work"),
            PrevizPackDirectory = Path.Combine(root, "models", "previz"),
        });
        var path = Path.Combine(benchDirectory, "generation.json");
        WriteFigures(figures, path);
    }

    private static async Task BenchImagesAsync(string benchDirectory)
    {
        Console.WriteLine("Image decode: SkiaSharp in-process vs one ffmpeg process per image, same files (PNG, JPEG, WebP)…");
        var figures = await ImageDecodeBenchmark.RunAsync(Path.Combine(benchDirectory, "work", "images"));
        var path = Path.Combine(benchDirectory, "images.json");
        WriteFigures(figures, path);
    }

    private static async Task BenchRenderingAsync(string root, string benchDirectory, bool includeOverhead)
    {
        var rendering = new Dictionary<string, double>();
        if (includeOverhead)
        {
            Console.WriteLine("Rendering benchmark: 3 demo shots through the queue, worker and encoder vs the pipeline alone…");
            rendering = new Dictionary<string, double>(await RenderingBenchmark.RunAsync(root, Path.Combine(benchDirectory, "work")));
        }
        Console.WriteLine("Progress latency: a real browser page on /hubs/render while a shot renders…");
        var latency = await ProgressLatencyBenchmark.RunAsync(root, Path.Combine(benchDirectory, "work"));
        if (latency is null)
        {
            Console.WriteLine("  skipped: /usr/bin/chromium is not installed");
        }
        foreach (var (name, value) in latency ?? new Dictionary<string, double>())
        {
            rendering[name] = value;
        }
        var renderingPath = Path.Combine(benchDirectory, "rendering.json");
        GenerationBenchmark.WriteJson(rendering, renderingPath);
        foreach (var (name, value) in rendering)
        {
            Console.WriteLine($"  {name}: {value.ToString("0.####", CultureInfo.InvariantCulture)}");
        }
        Console.WriteLine($"Wrote {renderingPath}");
    }

    private static async Task BenchCollaborationAsync(string root, string benchDirectory)
    {
        Console.WriteLine($"Collaboration benchmark: commit to paint in other members' storyboards, 1 then {Collaboration.CollaborationBenchmark.Members} members' circuits open…");
        var figures = await Collaboration.CollaborationBenchmark.RunAsync(root, Path.Combine(benchDirectory, "work"));
        if (figures is null)
        {
            Console.WriteLine("  skipped: /usr/bin/chromium is not installed");
            return;
        }
        var path = Path.Combine(benchDirectory, "collaboration.json");
        WriteFigures(figures, path);
    }

    private static async Task BenchLiveAsync(string root, string benchDirectory)
    {
        Console.WriteLine($"Live benchmark: two nodes on one Redis, {Live.LiveLatencyBenchmark.ChangeSamples} commits on B to A's feed, then a render on B followed from A…");
        var figures = await Live.LiveLatencyBenchmark.RunAsync(root, Path.Combine(benchDirectory, "work"));
        var path = Path.Combine(benchDirectory, "live.json");
        WriteFigures(figures, path);
    }

    private static async Task BenchUiAsync(string root, string benchDirectory)
    {
        Console.WriteLine($"UI benchmark: time to interactive of the demo and a {Storyboards.StoryboardUiBenchmark.Scenes * Storyboards.StoryboardUiBenchmark.ShotsPerScene}-shot storyboard, server memory per open circuit…");
        var figures = await Storyboards.StoryboardUiBenchmark.RunAsync(root, Path.Combine(benchDirectory, "work"));
        if (figures is null)
        {
            Console.WriteLine("  skipped: /usr/bin/chromium is not installed");
            return;
        }
        var path = Path.Combine(benchDirectory, "ui.json");
        WriteFigures(figures, path);
    }

    private static async Task BenchConsistencyAsync(string root, string benchDirectory)
    {
        Console.WriteLine("Consistency benchmark: the demo characters and drawn subjects rendered faithful and drifted on previz, planted flicker and seams…");
        var figures = await ConsistencyBenchmark.RunAsync(new ConsistencyBenchmarkOptions
        {
            PrevizPackDirectory = Path.Combine(root, "models", "previz"),
            Characters =
            [
                new BenchCharacter("Ada", [DemoCharacterArt.Ada(waving: false), DemoCharacterArt.Ada(waving: true)]),
                new BenchCharacter("Pixel", [DemoCharacterArt.Pixel(tilted: false), DemoCharacterArt.Pixel(tilted: true)]),
            ],
            StudioRecipe = DefaultRecipe(),
        });
        var path = Path.Combine(benchDirectory, "consistency.json");
        WriteFigures(figures, path);
    }

    // What a new shot of a new project renders with, read from the same defaults the studio uses.
    private static StudioRecipeCheck DefaultRecipe()
    {
        var project = new Storyboards.Project();
        var shot = new Storyboards.Shot();
        var rendering = new Rendering.RenderingOptions();
        var (width, height) = Rendering.RenderSize.For(project.Width, project.Height, rendering.MaxLongSide);
        return new StudioRecipeCheck
        {
            Width = width,
            Height = height,
            Steps = shot.Steps,
            FramesPerTake = (int)Math.Round(shot.DurationSeconds * project.FrameRate, MidpointRounding.AwayFromZero),
            RefineEvery = rendering.RefineEveryFrames,
            AnalysisLongSide = new Review.ReviewOptions().AnalysisLongSide,
        };
    }

    private static async Task BenchGpuAsync(string root, string benchDirectory)
    {
        Console.WriteLine("GPU benchmark: previz and the tiny SD 1.x architecture pack on the provider Auto picks (CUDA, else the CPU with the reason)…");
        var result = await GpuBenchmark.RunAsync(Path.Combine(root, "models", "previz"), Path.Combine(benchDirectory, "work"));
        var path = Path.Combine(benchDirectory, "gpu.json");
        GpuBenchmark.WriteJson(result, path);
        Console.WriteLine($"  execution provider: {result.Provider.RecipeName} ({result.Provider.Package})");
        if (result.Provider.Reason is { } reason)
        {
            Console.WriteLine($"  not CUDA: {reason}");
        }
        foreach (var (name, value) in result.Figures)
        {
            Console.WriteLine($"  {name}: {value.ToString("0.####", CultureInfo.InvariantCulture)}");
        }
        Console.WriteLine($"Wrote {path}");
    }

    private static async Task BenchScaleAsync(string root, string benchDirectory)
    {
        Console.WriteLine($"Scale benchmark: {Workers.ScaleBenchmark.Shots} previz shots on one, then two worker processes sharing one database and take store…");
        var scale = await Workers.ScaleBenchmark.RunAsync(root, Path.Combine(benchDirectory, "work"));
        // Progress across nodes is the live benchmark's second part (a render on node B followed from node A over
        // Redis); scale.json carries its figures too, so one file answers how the scaled-out studio behaves.
        Console.WriteLine("  progress across nodes: a render on node B followed from node A over Redis…");
        var live = await Live.LiveLatencyBenchmark.RunAsync(root, Path.Combine(benchDirectory, "work"));
        var figures = new Dictionary<string, double>(scale);
        foreach (var (name, value) in live.Where(f => f.Key.StartsWith("live_progress_", StringComparison.Ordinal)))
        {
            figures["scale_" + name["live_".Length..] + "_across_nodes"] = value;
        }
        var path = Path.Combine(benchDirectory, "scale.json");
        WriteFigures(figures, path);
    }

    private static async Task BenchExportAsync(string benchDirectory)
    {
        Console.WriteLine("Export benchmark: a generated 60 s, 720p timeline of 12 shots with crossfades vs one hand-written ffmpeg command…");
        var figures = await ExportBenchmark.RunAsync(Path.Combine(benchDirectory, "work", "export"));
        var path = Path.Combine(benchDirectory, "export.json");
        WriteFigures(figures, path);
    }
}
