using System.Diagnostics;
using System.Text.Json;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// Measures the generation engine (issue 3, "Benchmark"): per denoising step, time inside ONNX Runtime and outside
/// it on a UNet-shaped bench model generated on the fly, managed allocation per step after the first, previz
/// image-to-image throughput, the previz render's quality and a 720p shot's speed (<see cref="PrevizShotBenchmark"/>),
/// and the process's peak memory. Figures are flat name → number pairs.
/// </summary>
public static class GenerationBenchmark
{
    /// <summary>Runs every measurement and returns the figures (see the names in the source; times in milliseconds).</summary>
    public static Task<IReadOnlyDictionary<string, double>> RunAsync(GenerationBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(() => Run(options, cancellationToken), cancellationToken);
    }

    /// <summary>Writes figures as a flat JSON object with invariant number formatting.</summary>
    public static void WriteJson(IReadOnlyDictionary<string, double> figures, string path)
    {
        ArgumentNullException.ThrowIfNull(figures);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using FileStream stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        foreach ((string name, double value) in figures)
        {
            writer.WriteNumber(name, Math.Round(value, 4));
        }

        writer.WriteEndObject();
    }

    private static IReadOnlyDictionary<string, double> Run(GenerationBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        using var runtime = new OnnxRuntime(options.Runtime);
        var loader = new ModelPackLoader(runtime);
        ModelPack previz = loader.Inspect(options.PrevizPackDirectory).Pack
            ?? throw new ModelPackException("previz", loader.Inspect(options.PrevizPackDirectory).Summary);
        figures["execution_provider_is_cuda"] = runtime.ExecutionProvider.Active == ExecutionProviderKind.Cuda ? 1 : 0;
        figures["image_size"] = options.Size;

        MeasureBenchSteps(runtime, loader, previz, options, figures, cancellationToken);
        MeasurePreviz(runtime, previz, options, figures, cancellationToken);
        PrevizShotBenchmark.Measure(new DiffusionPipeline(runtime, previz), options.ShotWidth, options.ShotHeight, options.ShotFrames, options.ShotFrameRate, figures, cancellationToken);

        using Process process = Process.GetCurrentProcess();
        figures["peak_working_set_mb"] = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        figures["managed_heap_mb"] = GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024.0);
        return figures;
    }

    private static void MeasureBenchSteps(
        OnnxRuntime runtime,
        ModelPackLoader loader,
        ModelPack previz,
        GenerationBenchmarkOptions options,
        Dictionary<string, double> figures,
        CancellationToken cancellationToken)
    {
        string benchPack = Path.Combine(options.WorkDirectory, "bench-pack");
        if (Directory.Exists(benchPack))
        {
            Directory.Delete(benchPack, recursive: true);
        }

        foreach (string file in Directory.EnumerateFiles(previz.Directory, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(benchPack, Path.GetRelativePath(previz.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        BenchUnetGraph.Write(Path.Combine(benchPack, "unet", "model.onnx"), previz.Unet);
        ModelPackReport report = loader.Inspect(benchPack);
        ModelPack pack = report.Pack ?? throw new ModelPackException("bench-pack", report.Summary);
        var pipeline = new DiffusionPipeline(runtime, pack);
        var request = new GenerationRequest
        {
            Prompt = "benchmark",
            Width = options.Size,
            Height = options.Size,
            Steps = options.BenchSteps,
            GuidanceScale = 7.5f,
            Seed = 1,
            PreviewEvery = 0,
        };

        // The first run creates the UNet session's kernels and arenas; only the second is measured.
        pipeline.Generate(request, cancellationToken: cancellationToken);
        var allocations = new List<long>();
        var progress = new AllocationProbe(allocations);
        GenerationResult result = pipeline.Generate(request, progress, cancellationToken);

        int steps = result.Recipe.StepsRun;
        double inside = result.Timings.UnetInsideRuntime.TotalMilliseconds / steps;
        double outside = result.Timings.StepsOutsideRuntime.TotalMilliseconds / steps;
        figures["bench_unet_steps"] = steps;
        figures["bench_step_inside_runtime_ms"] = inside;
        figures["bench_step_outside_runtime_ms"] = outside;
        figures["bench_step_outside_share"] = outside / (inside + outside);
        figures["bench_step_managed_bytes_after_first"] = allocations.Count > 2
            ? allocations.Zip(allocations.Skip(1), (a, b) => (double)(b - a)).Skip(1).Average()
            : 0;
        figures["bench_latent_bytes"] = (double)pack.LatentChannels * (options.Size / 8) * (options.Size / 8) * sizeof(float);
        figures["bench_image_total_ms"] = result.Timings.Total.TotalMilliseconds;
        runtime.UnloadSession(pack.Unet.Path);
    }

    private static void MeasurePreviz(
        OnnxRuntime runtime,
        ModelPack previz,
        GenerationBenchmarkOptions options,
        Dictionary<string, double> figures,
        CancellationToken cancellationToken)
    {
        var pipeline = new DiffusionPipeline(runtime, previz);
        RgbImage layout = Gradient(options.Size, options.Size);
        GenerationRequest request = new()
        {
            Prompt = "a presenter beside a chart",
            Width = options.Size,
            Height = options.Size,
            Steps = options.PrevizSteps,
            InitImage = layout,
            Strength = options.PrevizStrength,
            Seed = 1,
        };

        pipeline.Generate(request, cancellationToken: cancellationToken);
        var clock = Stopwatch.StartNew();
        double inside = 0;
        double outside = 0;
        int stepsRun = 0;
        for (int i = 0; i < options.PrevizImages; i++)
        {
            GenerationResult result = pipeline.Generate(request with { Seed = (ulong)i + 2 }, cancellationToken: cancellationToken);
            inside += result.Timings.UnetInsideRuntime.TotalMilliseconds;
            outside += result.Timings.StepsOutsideRuntime.TotalMilliseconds;
            stepsRun = result.Recipe.StepsRun;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        figures["previz_img2img_steps_run"] = stepsRun;
        figures["previz_img2img_seconds_per_image"] = seconds / options.PrevizImages;
        figures["previz_img2img_images_per_minute"] = options.PrevizImages * 60.0 / seconds;
        figures["previz_step_inside_runtime_ms"] = inside / Math.Max(1, stepsRun * options.PrevizImages);
        figures["previz_step_outside_runtime_ms"] = outside / Math.Max(1, stepsRun * options.PrevizImages);
    }

    private static RgbImage Gradient(int width, int height)
    {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                pixels[i] = (byte)(255 * x / width);
                pixels[i + 1] = (byte)(255 * y / height);
                pixels[i + 2] = 128;
            }
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>Records this thread's managed allocation total at every step (the loop runs on the caller's thread).</summary>
    private sealed class AllocationProbe(List<long> samples) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => samples.Add(GC.GetAllocatedBytesForCurrentThread());
    }
}
