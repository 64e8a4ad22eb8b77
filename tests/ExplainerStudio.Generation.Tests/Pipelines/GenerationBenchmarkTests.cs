using System.Text.Json;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Pipelines;

public sealed class GenerationBenchmarkTests : IClassFixture<GeneratedPrevizPack>
{
    private readonly GeneratedPrevizPack _previz;

    public GenerationBenchmarkTests(GeneratedPrevizPack previz)
    {
        _previz = previz;
    }

    [Fact]
    public async Task Benchmark_ReportsEveryFigure_AndWritesFlatJson()
    {
        using var work = new TempDirectory();
        var options = new GenerationBenchmarkOptions
        {
            WorkDirectory = work.Path,
            PrevizPackDirectory = _previz.PackDirectory,
            Size = 64,
            BenchSteps = 3,
            PrevizSteps = 4,
            PrevizImages = 1,
            ShotWidth = 128,
            ShotHeight = 72,
            ShotFrames = 8,
        };

        IReadOnlyDictionary<string, double> figures = await GenerationBenchmark.RunAsync(options);
        string path = work.File("bench/generation.json");
        GenerationBenchmark.WriteJson(figures, path);

        string[] expected =
        [
            "bench_step_inside_runtime_ms", "bench_step_outside_runtime_ms", "bench_step_outside_share",
            "bench_step_managed_bytes_after_first", "previz_img2img_images_per_minute", "peak_working_set_mb",
            "wrapper_unet_step_median_ms", "bare_session_unet_step_median_ms", "wrapper_overhead_share",
            "wrapper_tiny_call_median_us", "bare_session_tiny_call_median_us", "wrapper_call_overhead_us",
            "previz_grain_keyframe", "previz_grain_layout", "previz_fidelity_ssim", "previz_prompt_shift_toward_red",
            "previz_empty_shot_grain", "previz_shot_refine_every_1_flicker", "previz_shot_refine_every_8_flicker", "previz_shot_speedup",
        ];
        Assert.All(expected, name => Assert.True(figures.ContainsKey(name), name));
        Assert.Equal(3, figures["bench_unet_steps"]);
        Assert.Equal(3, figures["previz_img2img_steps_run"]);
        Assert.InRange(figures["bench_step_outside_share"], 0, 1);
        Assert.True(figures["bare_session_unet_step_median_ms"] > 0);
        Assert.Equal(10, figures["wrapper_unet_runs"]);
        Assert.InRange(figures["previz_fidelity_ssim"], 0, 1);
        Assert.True(figures["previz_prompt_shift_toward_red"] > 0, "'red' should move the background toward red");
        Assert.Equal(8.0 / 24, figures["previz_shot_seconds_of_video"], 6);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.All(json.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
        Assert.Equal(figures.Count, json.RootElement.EnumerateObject().Count());
    }
}
