using System.Text.Json;
using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Tests.Pipelines;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Consistency;

public sealed class ConsistencyBenchmarkTests : IClassFixture<GeneratedPrevizPack>
{
    private readonly GeneratedPrevizPack _previz;

    public ConsistencyBenchmarkTests(GeneratedPrevizPack previz)
    {
        _previz = previz;
    }

    [Fact]
    public async Task Benchmark_RendersFaithfulAndDriftedTakes_AndReportsEveryFigure()
    {
        using var work = new TempDirectory();
        var options = new ConsistencyBenchmarkOptions
        {
            PrevizPackDirectory = _previz.PackDirectory,
            Width = 96,
            Height = 64,
            Steps = 4,
            FramesPerTake = 4,
            ShotsPerCharacter = 2,
            SampledFrames = 2,
        };

        IReadOnlyDictionary<string, double> figures = await ConsistencyBenchmark.RunAsync(options);
        string path = work.File("consistency.json");
        GenerationBenchmark.WriteJson(figures, path);

        Assert.Equal(BenchSubjects.Characters().Count * 2 * 2, figures["takes"]);
        Assert.Equal(ConsistencyMethod.Version, figures["method_version"]);
        string[] rates =
        [
            "drift_auc", "drift_auc_colour", "drift_auc_structure", "drift_auc_embedding", "drift_false_alarm_rate_at_default",
            "flicker_auc", "flicker_detection_rate_at_default", "flicker_worst_pair_found_rate", "seam_auc",
        ];
        Assert.All(rates, name => Assert.InRange(figures[name], 0, 1));
        Assert.True(figures["score_share_of_render"] > 0);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(figures.Count, json.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public async Task StudioRecipePass_ReportsItsOwnShare_AtItsOwnSize()
    {
        var options = new ConsistencyBenchmarkOptions
        {
            PrevizPackDirectory = _previz.PackDirectory,
            IncludeDrawnSubjects = false,
            Characters = [.. BenchSubjects.Characters().Take(2)],
            Width = 64,
            Height = 48,
            Steps = 2,
            FramesPerTake = 2,
            ShotsPerCharacter = 1,
            SampledFrames = 1,
            StudioRecipe = new StudioRecipeCheck { Width = 128, Height = 72, Steps = 3, FramesPerTake = 5, RefineEvery = 2, AnalysisLongSide = 64, Takes = 2 },
        };

        IReadOnlyDictionary<string, double> figures = await ConsistencyBenchmark.RunAsync(options);

        Assert.Equal(128, figures["recipe_width"]);
        Assert.Equal(5, figures["recipe_frames_per_take"]);
        Assert.Equal(2, figures["recipe_takes"]);
        Assert.True(figures["recipe_render_cpu_ms_per_take"] > 0);
        Assert.True(figures["recipe_score_ms_per_take"] > 0);
        Assert.Equal(figures["recipe_score_ms_per_take"] / figures["recipe_render_ms_per_take"], figures["recipe_score_share_of_render"], 9);
        Assert.Null(new ConsistencyBenchmarkOptions { PrevizPackDirectory = _previz.PackDirectory }.StudioRecipe);
    }

    [Fact]
    public async Task Benchmark_WithOneCharacter_IsRefused()
    {
        var options = new ConsistencyBenchmarkOptions
        {
            PrevizPackDirectory = _previz.PackDirectory,
            IncludeDrawnSubjects = false,
            Characters = [BenchSubjects.Characters()[0]],
        };

        ConsistencyException error = await Assert.ThrowsAsync<ConsistencyException>(() => ConsistencyBenchmark.RunAsync(options));

        Assert.Contains("two characters", error.Message, StringComparison.Ordinal);
    }
}
