using System.Diagnostics;
using System.Text.Json;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Packs.Architectures;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// `./studio.sh bench gpu`: the previz pack and the tiny Stable Diffusion 1.x architecture pack through the real
/// pipeline on the execution provider <see cref="ExecutionProviderKind.Auto"/> picks: CUDA when the studio is the GPU
/// build and CUDA loads, otherwise the CPU. A CPU run is a result, not a failure: the figures say which provider ran
/// and <see cref="GpuBenchmarkResult.Provider"/> carries the reason CUDA did not, so a machine without a GPU still
/// records where it stands.
/// </summary>
public static class GpuBenchmark
{
    /// <summary>Runs the measurements; <paramref name="workDirectory"/> receives the generated tiny pack.</summary>
    public static Task<GpuBenchmarkResult> RunAsync(string previzPackDirectory, string workDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(previzPackDirectory);
        ArgumentException.ThrowIfNullOrEmpty(workDirectory);
        return Task.Run(() => Run(previzPackDirectory, workDirectory, cancellationToken), cancellationToken);
    }

    /// <summary>Writes the figures as <see cref="GenerationBenchmark.WriteJson"/> does, followed by the provider's
    /// names and the fallback reason as strings.</summary>
    public static void WriteJson(GpuBenchmarkResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using FileStream stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        foreach ((string name, double value) in result.Figures)
        {
            writer.WriteNumber(name, Math.Round(value, 4));
        }

        writer.WriteString("execution_provider", result.Provider.RecipeName);
        writer.WriteString("onnx_runtime_package", result.Provider.Package);
        writer.WriteString("fallback_reason", result.Provider.Reason);
        writer.WriteEndObject();
    }

    private static GpuBenchmarkResult Run(string previzPackDirectory, string workDirectory, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        using var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Auto });
        ExecutionProviderReport provider = runtime.ExecutionProvider;
        figures["gpu_build"] = string.Equals(OnnxRuntime.Flavor, "Gpu", StringComparison.Ordinal) ? 1 : 0;
        figures["execution_provider_is_cuda"] = provider.Active == ExecutionProviderKind.Cuda ? 1 : 0;
        var loader = new ModelPackLoader(runtime);

        ModelPack previz = Load(loader, previzPackDirectory, "previz");
        var previzPipeline = new DiffusionPipeline(runtime, previz);
        var scene = new PrevizBenchScene(512, 512);
        Measure(previzPipeline, scene.Request("a classroom with a whiteboard, flat illustration"), "previz_512", figures, cancellationToken);

        var shot = new PrevizBenchScene(1280, 720);
        var clock = Stopwatch.StartNew();
        int frames = 0;
        foreach (ShotFrame frame in previzPipeline.RenderShotAsync(shot.Request("a classroom with a whiteboard, flat illustration"), CameraMove.DollyIn, 96, cancellationToken: cancellationToken)
            .ToBlockingEnumerable(cancellationToken))
        {
            frames += frame.IsKeyframe ? 0 : 1;
        }

        figures["previz_shot_720p_seconds"] = clock.Elapsed.TotalSeconds;
        figures["previz_shot_720p_realtime_ratio"] = clock.Elapsed.TotalSeconds / (frames / 24.0);

        string tinyDirectory = Path.Combine(workDirectory, "sd-tiny");
        if (Directory.Exists(tinyDirectory))
        {
            Directory.Delete(tinyDirectory, recursive: true);
        }

        SdArchitecturePackWriter.Write(SdArchitectureConfig.Named("tiny"), tinyDirectory);
        ModelPack tiny = Load(loader, tinyDirectory, "sd-tiny");
        var tinyRequest = new GenerationRequest
        {
            Prompt = "a presenter in a red jacket in front of a whiteboard",
            Width = 256,
            Height = 256,
            Steps = 10,
            GuidanceScale = 7.5f,
            Seed = 1,
            PreviewEvery = 0,
        };
        Measure(new DiffusionPipeline(runtime, tiny), tinyRequest, "sd_tiny_256", figures, cancellationToken);

        using Process process = Process.GetCurrentProcess();
        figures["peak_working_set_mb"] = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        return new GpuBenchmarkResult(figures, provider);
    }

    // The first run creates the sessions, kernels and arenas (and on CUDA searches convolution algorithms); the second
    // is measured.
    private static void Measure(DiffusionPipeline pipeline, GenerationRequest request, string prefix, Dictionary<string, double> figures, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        pipeline.Generate(request, cancellationToken: cancellationToken);
        figures[prefix + "_first_image_seconds"] = clock.Elapsed.TotalSeconds;
        GenerationResult result = pipeline.Generate(request, cancellationToken: cancellationToken);
        int steps = result.Recipe.StepsRun;
        figures[prefix + "_steps"] = steps;
        figures[prefix + "_unet_ms_per_step"] = result.Timings.UnetInsideRuntime.TotalMilliseconds / steps;
        figures[prefix + "_outside_runtime_ms_per_step"] = result.Timings.StepsOutsideRuntime.TotalMilliseconds / steps;
        figures[prefix + "_image_ms"] = result.Timings.Total.TotalMilliseconds;
    }

    private static ModelPack Load(ModelPackLoader loader, string directory, string name)
    {
        ModelPackReport report = loader.Inspect(directory);
        return report.Pack ?? throw new ModelPackException(name, report.Summary);
    }
}
