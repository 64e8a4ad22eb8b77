using System.Diagnostics;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// `./studio.sh bench export`, planning part: reading the timeline of a generated 1,000-shot project (what any viewer
/// opening the timeline page triggers) warm (the same studio again) and cold (a fresh studio over the same database:
/// new EF Core model, empty memory cache, espeak-ng's voice list not loaded), each the median of several rounds. In the
/// same run, the baseline: the 8-shot demo planned through the uncached path (every line synthesised and measured, as
/// every read did before the duration cache), and the speech filler's rate. Nothing here may run espeak-ng on a read;
/// the synthesis count during reads is reported so that a regression shows.
/// </summary>
public static class TimelinePlanningBenchmark
{
    public const int Shots = 1000;
    private const int WarmRounds = 9;
    private const int ColdRounds = 5;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string workDirectory, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(workDirectory, "planning");
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        Directory.CreateDirectory(dataDirectory);
        var figures = new Dictionary<string, double>();
        string userId;
        int bigId;
        long readSyntheses = 0;
        await using (var services = BuildServices(dataDirectory))
        {
            await services.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
            userId = await Hosting.BenchUser.AddAsync(services, cancellationToken);
            var seeder = services.GetRequiredService<DemoProjectSeeder>();
            var demoId = await seeder.CreateAsync(userId, cancellationToken);
            bigId = await TimelineBenchProject.CreateAsync(seeder, services.GetRequiredService<IDbContextFactory<StudioDbContext>>(), userId, Shots, cancellationToken);
            var timeline = services.GetRequiredService<TimelineService>();
            var speech = services.GetRequiredService<EspeakSpeechSynthesizer>();
            var filler = services.GetRequiredService<SpeechDurationFiller>();

            var clock = Stopwatch.StartNew();
            var before = speech.SynthesisCount;
            var first = await timeline.GetAsync(bigId, userId, cancellationToken);
            figures["planning_unfilled_read_ms"] = clock.Elapsed.TotalMilliseconds;
            readSyntheses += speech.SynthesisCount - before;
            figures["planning_shots"] = first.Shots.Count;
            figures["planning_lines"] = first.Shots.Sum(s => s.Lines.Count);
            figures["planning_unfilled_estimated_lines"] = first.EstimatedLines;

            clock.Restart();
            var filled = await filler.FillQueuedAsync(cancellationToken);
            figures["planning_fill_lines_per_second"] = filled / clock.Elapsed.TotalSeconds;

            before = speech.SynthesisCount;
            var warm = await MedianAsync(() => timeline.GetAsync(bigId, userId, cancellationToken), WarmRounds);
            readSyntheses += speech.SynthesisCount - before;
            figures["planning_warm_ms"] = warm.Median;
            figures["planning_warm_estimated_lines"] = warm.Last.EstimatedLines;

            clock.Restart();
            var demoPlan = await timeline.PlanAsync(demoId, cancellationToken);
            figures["planning_baseline_demo_uncached_ms"] = clock.Elapsed.TotalMilliseconds;
            figures["planning_baseline_demo_shots"] = demoPlan.Timeline.Shots.Count;
            figures["planning_baseline_demo_lines_synthesised"] = demoPlan.Timeline.Lines.Count();
            figures["planning_demo_warm_ms"] = (await MedianAsync(() => timeline.GetAsync(demoId, userId, cancellationToken), WarmRounds)).Median;
        }

        var cold = new List<double>();
        for (var round = 0; round < ColdRounds; round++)
        {
            SqliteConnection.ClearAllPools();
            await using var services = BuildServices(dataDirectory);
            var timeline = services.GetRequiredService<TimelineService>();
            var clock = Stopwatch.StartNew();
            var view = await timeline.GetAsync(bigId, userId, cancellationToken);
            cold.Add(clock.Elapsed.TotalMilliseconds);
            readSyntheses += services.GetRequiredService<EspeakSpeechSynthesizer>().SynthesisCount;
            if (view.EstimatedLines > 0)
            {
                throw new InvalidOperationException($"A cold read after the fill still estimated {view.EstimatedLines} lines.");
            }
        }
        SqliteConnection.ClearAllPools();
        figures["planning_cold_ms"] = Median(cold);
        figures["planning_cold_first_round_ms"] = cold[0];
        figures["planning_read_syntheses"] = readSyntheses;
        figures["planning_warm_vs_baseline_ratio"] = figures["planning_warm_ms"] / figures["planning_baseline_demo_uncached_ms"];
        return figures;
    }

    private static async Task<(double Median, T Last)> MedianAsync<T>(Func<Task<T>> read, int rounds)
    {
        var times = new List<double>();
        T last = default!;
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            last = await read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (Median(times), last);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static ServiceProvider BuildServices(string dataDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Data:Directory"] = dataDirectory,
                // The benchmark fills the speech itself, timed, instead of a hosted filler it never starts.
                ["Timeline:FillSpeechInBackground"] = "false",
            })
            .Build());
        services.AddSingleton<IHostEnvironment>(new BenchHostEnvironment(dataDirectory));
        services.AddStudioData();
        services.AddStudioMedia();
        services.AddCollaboration();
        services.AddCharacters();
        services.AddDemoProject();
        services.AddTimeline();
        return services.BuildServiceProvider();
    }
}
