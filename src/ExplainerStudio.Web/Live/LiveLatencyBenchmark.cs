using System.Collections.Concurrent;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Live;

/// <summary>
/// `./studio.sh bench live` (and a part of `bench scale`): how long a live update takes from one node to another over
/// Redis. Two studio nodes (two service containers, each with its own feed, notifier and bridge) share one SQLite file
/// and one throw-away Redis; node B commits real edits and renders a real shot, node A's feed and notifier receive
/// them. Both clocks are the same machine's. <see cref="MeasureChangesAsync"/> and <see cref="MeasureProgressAsync"/>
/// work on any two nodes' services, for a benchmark that starts its nodes its own way.
/// </summary>
public static class LiveLatencyBenchmark
{
    public const int ChangeSamples = 200;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string contentRoot, string workDirectory, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(workDirectory, "live");
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        await using var redis = await RedisServer.StartAsync(cancellationToken);
        await using var nodeA = BuildNode(contentRoot, dataDirectory, redis.ConnectionString);
        await using var nodeB = BuildNode(contentRoot, dataDirectory, redis.ConnectionString);
        await nodeA.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
        await nodeB.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
        var bridges = new[] { nodeA, nodeB }.Select(n => n.GetServices<IHostedService>().OfType<LiveBridge>().Single()).ToList();
        foreach (var bridge in bridges)
        {
            await bridge.StartAsync(cancellationToken);
        }
        try
        {
            var userId = await Hosting.BenchUser.AddAsync(nodeB, cancellationToken);
            var projectId = await nodeB.GetRequiredService<DemoProjectSeeder>().CreateAsync(userId, cancellationToken);
            var changes = await MeasureChangesAsync(nodeA, nodeB, projectId, userId, ChangeSamples, cancellationToken);
            var progress = await MeasureProgressAsync(nodeA, nodeB, projectId, userId, cancellationToken);
            return new Dictionary<string, double>
            {
                ["live_change_samples"] = changes.Count,
                ["live_change_p50_ms"] = ProgressLatencyBenchmark.Percentile(changes, 0.50),
                ["live_change_p95_ms"] = ProgressLatencyBenchmark.Percentile(changes, 0.95),
                ["live_progress_samples"] = progress.Count,
                ["live_progress_p50_ms"] = ProgressLatencyBenchmark.Percentile(progress, 0.50),
                ["live_progress_p95_ms"] = ProgressLatencyBenchmark.Percentile(progress, 0.95),
            };
        }
        finally
        {
            foreach (var bridge in bridges)
            {
                await bridge.StopAsync(CancellationToken.None);
            }
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// Commits <paramref name="samples"/> real edits (a new scene each) on node B, one at a time, and returns, sorted, the
    /// milliseconds from each commit (the change's own time stamp) to its arrival in node A's feed.
    /// </summary>
    public static async Task<List<double>> MeasureChangesAsync(
        IServiceProvider nodeA, IServiceProvider nodeB, int projectId, string userId, int samples, CancellationToken cancellationToken = default)
    {
        var clock = nodeA.GetRequiredService<TimeProvider>();
        // A scene's id is known only once its commit returns, and its change may reach A before that: arrivals are
        // kept by id, and each one wakes the waiting loop.
        var arrived = new ConcurrentDictionary<int, double>();
        using var signal = new SemaphoreSlim(0);
        using var subscription = nodeA.GetRequiredService<ProjectChangeFeed>().Subscribe(change =>
        {
            if (change.FromNode is not null && change.Kind == ProjectChangeKind.Scene && change.EntityId is { } id)
            {
                arrived[id] = (clock.GetUtcNow() - change.At).TotalMilliseconds;
                signal.Release();
            }
        }, projectId);
        var storyboards = nodeB.GetRequiredService<StoryboardService>();
        var latencies = new List<double>(samples);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        for (var i = 0; i < samples; i++)
        {
            var sceneId = await storyboards.AddSceneAsync(projectId, userId, $"Latency {i}", cancellationToken);
            double latency;
            while (!arrived.TryRemove(sceneId, out latency))
            {
                await signal.WaitAsync(limit.Token);
            }
            latencies.Add(latency);
        }
        latencies.Sort();
        return latencies;
    }

    /// <summary>Renders the project's first shot on node B and returns, sorted, per progress event the milliseconds from B raising it to A's notifier publishing it.</summary>
    public static async Task<List<double>> MeasureProgressAsync(
        IServiceProvider nodeA, IServiceProvider nodeB, int projectId, string userId, CancellationToken cancellationToken = default)
    {
        var engine = nodeB.GetRequiredService<GenerationEngine>();
        engine.Start();
        if (engine.State != GenerationEngineState.Ready)
        {
            throw new GenerationUnavailableException(engine.Error ?? "The generation engine did not start.");
        }
        var worker = nodeB.GetServices<IHostedService>().OfType<RenderWorker>().Single();
        await worker.StartAsync(cancellationToken);
        try
        {
            await using var context = await nodeB.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync(cancellationToken);
            var shotId = await context.Shots.Where(s => s.Scene!.ProjectId == projectId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(cancellationToken);
            var clock = nodeA.GetRequiredService<TimeProvider>();
            var latencies = new ConcurrentQueue<double>();
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int? jobId = null;
            using var subscription = nodeA.GetRequiredService<RenderProgressNotifier>().Subscribe(e =>
            {
                if (e.Kind == RenderEventKind.Queued || e.JobId != jobId)
                {
                    return;
                }
                latencies.Enqueue((clock.GetUtcNow() - e.RaisedAt).TotalMilliseconds);
                if (e.IsFinal)
                {
                    finished.TrySetResult();
                }
            }, projectId);
            jobId = await nodeB.GetRequiredService<RenderQueue>().GenerateShotAsync(shotId, userId, cancellationToken: cancellationToken);
            await finished.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
            return [.. latencies.Order()];
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private static ServiceProvider BuildNode(string contentRoot, string dataDirectory, string redis)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Data:Directory"] = dataDirectory,
                ["Generation:ExecutionProvider"] = "Cpu",
                ["Rendering:MaxLongSide"] = "256",
                ["Rendering:PollIntervalMilliseconds"] = "50",
                [LiveOptions.SectionName + ":" + nameof(LiveOptions.Redis)] = redis,
            })
            .Build());
        services.AddSingleton<IHostEnvironment>(new BenchHostEnvironment(contentRoot));
        services.AddSingleton(TimeProvider.System);
        services.AddStudioData();
        services.AddStudioMedia();
        services.AddCollaboration();
        services.AddStoryboards();
        services.AddCharacters();
        services.AddDemoProject();
        services.AddGeneration();
        services.AddRendering();
        services.AddLive();
        return services.BuildServiceProvider();
    }
}
