using System.Diagnostics;
using System.Text.Json;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// Measures the generation engine: per denoising step, time inside ONNX Runtime and outside it on a UNet-shaped
/// bench model generated on the fly, managed allocation per step after the first, the session wrapper's overhead
/// against a bare <c>InferenceSession.Run</c> of the same model in the same run, previz image-to-image throughput,
/// the previz render's quality and a 720p shot's speed (<see cref="PrevizShotBenchmark"/>),
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
        MeasureWrapperOverhead(runtime, pack, options, figures, cancellationToken);
        runtime.UnloadSession(pack.Unet.Path);
    }

    /// <summary>
    /// The wrapper against a bare <see cref="Microsoft.ML.OnnxRuntime.InferenceSession"/> of the same model file in
    /// the same run: once on the bench UNet (the overhead as a share of a real step) and once on a one-node graph
    /// of the same latent size (the overhead per call in microseconds, where ONNX Runtime itself does almost nothing).
    /// </summary>
    private static void MeasureWrapperOverhead(
        OnnxRuntime runtime,
        ModelPack pack,
        GenerationBenchmarkOptions options,
        Dictionary<string, double> figures,
        CancellationToken cancellationToken)
    {
        long latent = options.Size / 8;
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["batch"] = 2,
            ["latent_height"] = latent,
            ["latent_width"] = latent,
        };
        (double wrapped, double bare) = CompareWithBareSession(runtime, pack.Unet.Path, sizes, Math.Max(10, options.BenchSteps * 2), cancellationToken);
        figures["wrapper_unet_runs"] = Math.Max(10, options.BenchSteps * 2);
        figures["wrapper_unet_step_median_ms"] = wrapped;
        figures["bare_session_unet_step_median_ms"] = bare;
        figures["wrapper_overhead_share"] = (wrapped - bare) / bare;

        string tiny = Path.Combine(options.WorkDirectory, "wrapper-overhead.onnx");
        new OnnxFormat.OnnxModelBuilder("wrapper_overhead")
            .AddInput("sample", OnnxFormat.OnnxElementType.Float, 2, pack.LatentChannels, latent, latent)
            .AddInput("scale", OnnxFormat.OnnxElementType.Float, 1)
            .AddNode("Mul", ["sample", "scale"], ["out_sample"])
            .AddOutput("out_sample", OnnxFormat.OnnxElementType.Float, 2, pack.LatentChannels, latent, latent)
            .Save(tiny);
        const int TinyRuns = 2000;
        (double tinyWrapped, double tinyBare) = CompareWithBareSession(runtime, tiny, sizes, TinyRuns, cancellationToken);
        runtime.UnloadSession(tiny);
        figures["wrapper_tiny_runs"] = TinyRuns;
        figures["wrapper_tiny_call_median_us"] = tinyWrapped * 1000;
        figures["bare_session_tiny_call_median_us"] = tinyBare * 1000;
        figures["wrapper_call_overhead_us"] = (tinyWrapped - tinyBare) * 1000;
    }

    /// <summary>
    /// Median milliseconds per run through the wrapper (an <see cref="IoBinding"/> with pre-allocated outputs, a fresh
    /// RunOptions and a cancellation registration per run, as the pipeline runs the UNet) and through a bare session
    /// with the same options and the same buffers. Runs alternate, and which goes first alternates, so both see the
    /// same machine load; medians keep other processes' bursts out.
    /// </summary>
    private static (double Wrapped, double Bare) CompareWithBareSession(
        OnnxRuntime runtime,
        string modelPath,
        IReadOnlyDictionary<string, long> sizes,
        int runs,
        CancellationToken cancellationToken)
    {
        ModelSession session = runtime.GetSession(modelPath);
        long[] ShapeOf(TensorMetadata metadata) => metadata.Shape
            .Select((d, i) => d >= 0 ? d : sizes.GetValueOrDefault(metadata.SymbolicShape[i] ?? string.Empty, 1))
            .ToArray();
        var inputs = session.Inputs.ToDictionary(i => i.Name, i => DenseTensor.Create(i.ElementType, ShapeOf(i)), StringComparer.Ordinal);
        var outputs = session.Outputs.ToDictionary(o => o.Name, o => DenseTensor.Create(o.ElementType, ShapeOf(o)), StringComparer.Ordinal);

        using IoBinding binding = session.CreateBinding();
        foreach ((string name, DenseTensor tensor) in inputs)
        {
            binding.BindInput(name, tensor);
        }

        foreach ((string name, DenseTensor tensor) in outputs)
        {
            binding.BindOutput(name, tensor);
        }

        using Microsoft.ML.OnnxRuntime.SessionOptions bareOptions = runtime.CreateSessionOptions(session.Provider);
        using var bare = new Microsoft.ML.OnnxRuntime.InferenceSession(modelPath, bareOptions);
        var pinned = inputs.Values.Concat(outputs.Values).Select(t => t.PinForRuntime()).ToList();
        try
        {
            string[] inputNames = [.. inputs.Keys];
            string[] outputNames = [.. outputs.Keys];
            var inputValues = pinned.Take(inputs.Count).Select(p => p.Value).ToArray();
            var outputValues = pinned.Skip(inputs.Count).Select(p => p.Value).ToArray();
            using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wrapped = new double[runs];
            var direct = new double[runs];
            double RunWrapped()
            {
                long start = Stopwatch.GetTimestamp();
                binding.Run(cancellation.Token);
                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            double RunBare()
            {
                long start = Stopwatch.GetTimestamp();
                bare.Run(runOptions, inputNames, inputValues, outputNames, outputValues);
                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            for (int i = -3; i < runs; i++)
            {
                double w;
                double d;
                if ((i & 1) == 0)
                {
                    w = RunWrapped();
                    d = RunBare();
                }
                else
                {
                    d = RunBare();
                    w = RunWrapped();
                }

                if (i >= 0)
                {
                    wrapped[i] = w;
                    direct[i] = d;
                }
            }

            return (Median(wrapped), Median(direct));
        }
        finally
        {
            foreach (PinnedTensor p in pinned)
            {
                p.Dispose();
            }
        }
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
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
