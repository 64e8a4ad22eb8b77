using System.Diagnostics;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// `./studio.sh bench`, rendering part: the first three shots of the demo project rendered through the real queue,
/// worker, encoder and database at the project's size, end to end, against the same three pipeline runs alone. The
/// difference is what the queue, reference loading, encoding and commits cost on top of generation. Take figures
/// (frames, render and encode-wait seconds) are of the last round.
/// </summary>
public static class RenderingBenchmark
{
    public const int Shots = 3;
    private const int Rounds = 2;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string contentRoot, string workDirectory, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(workDirectory, "rendering");
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        await using var services = BuildServices(contentRoot, dataDirectory);
        await services.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
        var engine = services.GetRequiredService<GenerationEngine>();
        engine.Start();
        if (engine.State != GenerationEngineState.Ready)
        {
            throw new GenerationUnavailableException(engine.Error ?? "The generation engine did not start.");
        }

        var userId = await AddUserAsync(services, cancellationToken);
        var (projectId, warmUpShot) = await AddProjectAsync(services, userId, cancellationToken);
        var worker = services.GetServices<IHostedService>().OfType<RenderWorker>().Single();
        await worker.StartAsync(cancellationToken);
        try
        {
            var queue = services.GetRequiredService<RenderQueue>();
            var notifier = services.GetRequiredService<RenderProgressNotifier>();

            // Loads the sessions and fits the preview map, so the measured run is steady-state.
            await RunAndWaitAsync(notifier, () => queue.GenerateShotAsync(warmUpShot, userId).ContinueWith(t => (IReadOnlyList<int>)[t.Result], TaskScheduler.Default));

            // Two rounds of each, keeping the fastest: on a shared machine other load only ever adds time.
            var endToEnd = TimeSpan.MaxValue;
            var pipelineTime = TimeSpan.MaxValue;
            var renderer = services.GetRequiredService<ShotRenderer>();
            var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
            List<RenderJob> jobs = [];
            List<Take> takes = [];
            for (var round = 0; round < Rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                var jobIds = await RunAndWaitAsync(notifier, () => queue.GenerateProjectAsync(projectId, userId, cancellationToken: cancellationToken));
                endToEnd = Min(endToEnd, clock.Elapsed);

                await using var context = await factory.CreateDbContextAsync(cancellationToken);
                jobs = await context.RenderJobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToListAsync(cancellationToken);
                var failed = jobs.FirstOrDefault(j => j.Status != RenderJobStatus.Succeeded);
                if (failed is not null)
                {
                    throw new InvalidOperationException($"Benchmark render job {failed.Id} ended {failed.Status}: {failed.Error}");
                }
                takes = await context.Takes.AsNoTracking().Where(t => jobIds.Contains(t.JobId)).ToListAsync(cancellationToken);
                pipelineTime = Min(pipelineTime, await PipelineAloneAsync(renderer, jobs, cancellationToken));
            }

            var frames = takes.Sum(t => t.FrameCount);
            return new Dictionary<string, double>
            {
                ["rendering_shots"] = jobs.Count,
                ["rendering_frames"] = frames,
                ["rendering_width"] = takes[0].Width,
                ["rendering_height"] = takes[0].Height,
                ["rendering_frame_rate"] = takes[0].FrameRate,
                ["rendering_end_to_end_seconds"] = endToEnd.TotalSeconds,
                ["rendering_pipeline_sum_seconds"] = pipelineTime.TotalSeconds,
                ["rendering_overhead_ratio"] = (endToEnd - pipelineTime) / pipelineTime,
                ["rendering_frames_per_second"] = frames / endToEnd.TotalSeconds,
                ["rendering_take_render_seconds"] = takes.Sum(t => t.TotalMilliseconds) / 1000,
                ["rendering_encode_wait_seconds"] = takes.Sum(t => t.EncodeMilliseconds) / 1000,
            };
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            SqliteConnection.ClearAllPools();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The same jobs' pipeline runs alone: keyframe and every frame, no queue, files, encoder or database.</summary>
    private static async Task<TimeSpan> PipelineAloneAsync(ShotRenderer renderer, IReadOnlyList<RenderJob> jobs, CancellationToken cancellationToken)
    {
        var total = TimeSpan.Zero;
        foreach (var job in jobs)
        {
            var prepared = await renderer.PrepareAsync(job, cancellationToken);
            var clock = Stopwatch.StartNew();
            await foreach (var frame in prepared.Pipeline.RenderShotAsync(prepared.Keyframe, prepared.Move, prepared.FrameCount,
                prepared.RefineStrength, refineEvery: prepared.RefineEvery, cancellationToken: cancellationToken))
            {
                _ = frame.Index;
            }
            total += clock.Elapsed;
        }
        return total;
    }

    private static async Task<IReadOnlyList<int>> RunAndWaitAsync(RenderProgressNotifier notifier, Func<Task<IReadOnlyList<int>>> enqueue)
    {
        var finished = new HashSet<int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IReadOnlyList<int>? ids = null;
        using var subscription = notifier.Subscribe(e =>
        {
            if (!e.IsFinal)
            {
                return;
            }
            lock (finished)
            {
                finished.Add(e.JobId);
                if (ids is not null && ids.All(finished.Contains))
                {
                    all.TrySetResult();
                }
            }
        });
        var queued = await enqueue();
        lock (finished)
        {
            ids = queued;
            if (ids.All(finished.Contains))
            {
                all.TrySetResult();
            }
        }
        await all.Task;
        return queued;
    }

    internal static ServiceProvider BuildServices(string contentRoot, string dataDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Data:Directory"] = dataDirectory,
                ["Generation:ExecutionProvider"] = "Cpu",
            })
            .AddEnvironmentVariables()
            .Build());
        services.AddSingleton<IHostEnvironment>(new BenchHostEnvironment(contentRoot));
        services.AddSingleton(TimeProvider.System);
        services.AddStudioData();
        services.AddStudioMedia();
        services.AddCollaboration();
        services.AddCharacters();
        services.AddDemoProject();
        services.AddGeneration();
        services.AddRendering();
        return services.BuildServiceProvider();
    }

    private static async Task<string> AddUserAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync(cancellationToken);
        var user = new StudioUser { Id = Guid.NewGuid().ToString(), DisplayName = "Bench", UserName = "bench@example.com", Email = "bench@example.com" };
        context.Users.Add(user);
        await context.SaveChangesAsync(cancellationToken);
        return user.Id;
    }

    /// <summary>The demo project cut to its first three shots, and a second copy with one short shot for the warm-up.</summary>
    private static async Task<(int ProjectId, int WarmUpShot)> AddProjectAsync(IServiceProvider services, string userId, CancellationToken cancellationToken)
    {
        var seeder = services.GetRequiredService<DemoProjectSeeder>();
        var projectId = await seeder.CreateAsync(userId, cancellationToken);
        var warmUpProjectId = await seeder.CreateAsync(userId, cancellationToken);
        await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync(cancellationToken);
        var shots = await context.Shots.Where(s => s.Scene!.ProjectId == projectId)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).ToListAsync(cancellationToken);
        context.Shots.RemoveRange(shots.Skip(Shots));
        var warmUp = await context.Shots.Where(s => s.Scene!.ProjectId == warmUpProjectId).OrderBy(s => s.Id).FirstAsync(cancellationToken);
        warmUp.DurationSeconds = Shot.MinDurationSeconds;
        await context.SaveChangesAsync(cancellationToken);
        return (projectId, warmUp.Id);
    }

    private sealed class BenchHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "ExplainerStudio.Web";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
