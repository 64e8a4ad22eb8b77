using System.Diagnostics;
using System.Globalization;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Rendering;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Workers;

/// <summary>
/// `./studio.sh bench scale`: previz shots rendered by separate `worker` processes sharing one database and one take
/// store, queued by a studio that renders nothing itself. First one worker (the baseline), then two, on the same shots
/// in the same run. On a machine with few cores the renders are CPU-bound, so two workers share the same cores: the
/// figures are throughput per worker and the queue's own cost per job (time a job spends in a worker beyond rendering:
/// claim, preparation, the take store, the commit), plus the claim latency (a job's commit to a worker's claim, across
/// processes, found by the worker's poll). Progress latency across nodes needs the Redis fan-out, which this build
/// does not have; it is recorded as not measured.
/// </summary>
public static class ScaleBenchmark
{
    public const int Shots = 8;
    private const int ClaimProbes = 10;
    private const int PollMilliseconds = 250;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string contentRoot, string workDirectory, CancellationToken cancellationToken = default)
    {
        var root = Path.Combine(workDirectory, "scale");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        var dataDirectory = Path.Combine(root, "data");
        var settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = dataDirectory,
            ["Data:SweepOrphanFiles"] = "false",
            ["TakeStore:Directory"] = Path.Combine(root, "shared-takes"),
            ["Rendering:MaxLongSide"] = "256",
            ["Rendering:PollIntervalMilliseconds"] = PollMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["Generation:ExecutionProvider"] = "Cpu",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var services = RenderingBenchmark.BuildServices(contentRoot, dataDirectory);
        await services.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        var userId = await Hosting.BenchUser.AddAsync(factory, cancellationToken);
        var seeder = services.GetRequiredService<DemoProjectSeeder>();
        var projectId = await AddProjectAsync(seeder, factory, userId, cancellationToken);
        var queue = services.GetRequiredService<RenderQueue>();

        var workers = new List<Process>();
        try
        {
            workers.Add(StartWorker(settings, "bench-a"));
            await WaitForWorkersAsync(factory, 1, cancellationToken);
            await WarmUpAsync(queue, factory, projectId, userId, workers.Count, cancellationToken);

            Console.WriteLine("  claim latency: single jobs queued to an idle worker in another process…");
            var claims = new List<double>();
            var shotIds = await ShotIdsAsync(factory, projectId, cancellationToken);
            for (var probe = 0; probe < ClaimProbes; probe++)
            {
                var jobId = await queue.GenerateShotAsync(shotIds[probe % shotIds.Count], userId, cancellationToken: cancellationToken);
                var job = (await WaitForAllAsync(factory, [jobId], cancellationToken)).Single();
                claims.Add((job.StartedAt!.Value - job.QueuedAt).TotalMilliseconds);
            }

            Console.WriteLine($"  one worker: {Shots} shots…");
            var one = await RoundAsync(queue, factory, projectId, userId, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {one.Seconds:0.00} s, {one.ShotsPerMinute:0.0} shots/min"));

            workers.Add(StartWorker(settings, "bench-b"));
            await WaitForWorkersAsync(factory, 2, cancellationToken);
            await WarmUpAsync(queue, factory, projectId, userId, workers.Count, cancellationToken);
            Console.WriteLine($"  two workers: {Shots} shots…");
            var two = await RoundAsync(queue, factory, projectId, userId, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {two.Seconds:0.00} s, {two.ShotsPerMinute:0.0} shots/min, {two.Workers} workers took jobs"));

            claims.Sort();
            return new Dictionary<string, double>
            {
                ["scale_shots"] = Shots,
                ["scale_cores"] = Environment.ProcessorCount,
                ["scale_poll_ms"] = PollMilliseconds,
                ["scale_one_worker_seconds"] = one.Seconds,
                ["scale_one_worker_shots_per_minute"] = one.ShotsPerMinute,
                ["scale_one_worker_render_ms_per_shot"] = one.RenderMilliseconds,
                ["scale_one_worker_queue_overhead_ms_per_job"] = one.OverheadMilliseconds,
                ["scale_one_worker_queue_overhead_ratio"] = one.OverheadMilliseconds / one.RenderMilliseconds,
                ["scale_two_workers_seconds"] = two.Seconds,
                ["scale_two_workers_shots_per_minute"] = two.ShotsPerMinute,
                ["scale_two_workers_per_worker_shots_per_minute"] = two.ShotsPerMinute / 2,
                ["scale_two_workers_workers_used"] = two.Workers,
                ["scale_two_workers_render_ms_per_shot"] = two.RenderMilliseconds,
                ["scale_two_workers_queue_overhead_ms_per_job"] = two.OverheadMilliseconds,
                ["scale_two_workers_queue_overhead_ratio"] = two.OverheadMilliseconds / two.RenderMilliseconds,
                ["scale_two_vs_one_throughput_ratio"] = two.ShotsPerMinute / one.ShotsPerMinute,
                ["scale_two_vs_one_per_worker_ratio"] = two.ShotsPerMinute / 2 / one.ShotsPerMinute,
                ["scale_claim_latency_ms_p50"] = Percentile(claims, 0.5),
                ["scale_claim_latency_ms_p95"] = Percentile(claims, 0.95),
                ["scale_claim_latency_ms_max"] = claims[^1],
            };
        }
        finally
        {
            foreach (var worker in workers)
            {
                Stop(worker);
            }
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>All the project's shots queued at once; the round runs from the first commit to the last take's commit.</summary>
    private static async Task<Round> RoundAsync(RenderQueue queue, IDbContextFactory<StudioDbContext> factory, int projectId, string userId, CancellationToken cancellationToken)
    {
        var ids = await queue.GenerateProjectAsync(projectId, userId, cancellationToken: cancellationToken);
        var jobs = await WaitForAllAsync(factory, ids, cancellationToken);
        await using var context = await factory.CreateDbContextAsync(cancellationToken);
        var takes = await context.Takes.AsNoTracking().Where(t => ids.Contains(t.JobId)).ToDictionaryAsync(t => t.JobId, cancellationToken);
        var seconds = (jobs.Max(j => j.FinishedAt!.Value) - jobs.Min(j => j.QueuedAt)).TotalSeconds;
        var render = Median(jobs.Select(j => takes[j.Id].TotalMilliseconds));
        var overhead = Median(jobs.Select(j => (j.FinishedAt!.Value - j.StartedAt!.Value).TotalMilliseconds - takes[j.Id].TotalMilliseconds));
        return new Round(seconds, jobs.Count / seconds * 60, render, overhead, jobs.Select(j => j.FinishedBy).Distinct().Count());
    }

    /// <summary>Until every worker has rendered a job, so each has its sessions loaded before anything is measured.</summary>
    private static async Task WarmUpAsync(RenderQueue queue, IDbContextFactory<StudioDbContext> factory, int projectId, string userId, int workers, CancellationToken cancellationToken)
    {
        var shotIds = await ShotIdsAsync(factory, projectId, cancellationToken);
        var warm = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 10 && warm.Count < workers; attempt++)
        {
            var ids = new List<int>();
            foreach (var shotId in shotIds.Take(workers))
            {
                ids.Add(await queue.GenerateShotAsync(shotId, userId, cancellationToken: cancellationToken));
            }
            foreach (var job in await WaitForAllAsync(factory, ids, cancellationToken))
            {
                warm.Add(job.FinishedBy!);
            }
        }
    }

    private static async Task<List<RenderJob>> WaitForAllAsync(IDbContextFactory<StudioDbContext> factory, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            await using (var context = await factory.CreateDbContextAsync(cancellationToken))
            {
                var jobs = await context.RenderJobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync(cancellationToken);
                if (jobs.FirstOrDefault(j => j.Status is RenderJobStatus.Failed or RenderJobStatus.Cancelled) is { } failed)
                {
                    throw new InvalidOperationException($"Benchmark render job {failed.Id} ended {failed.Status}: {failed.Error}");
                }
                if (jobs.All(j => j.Status == RenderJobStatus.Succeeded))
                {
                    return jobs;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The benchmark's render jobs did not finish within 10 minutes; are the worker processes running?");
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task WaitForWorkersAsync(IDbContextFactory<StudioDbContext> factory, int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using (var context = await factory.CreateDbContextAsync(cancellationToken))
            {
                if (await context.Workers.CountAsync(cancellationToken) >= count)
                {
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only some of the {count} worker processes registered within 2 minutes.");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static Process StartWorker(IReadOnlyDictionary<string, string?> settings, string node)
    {
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["Jobs__NodeName"] = node;
        return Start("dotnet", [typeof(ScaleBenchmark).Assembly.Location, "worker"], environment);
    }

    private static Process Start(string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Drained so a chatty worker never blocks on a full pipe; its warnings still reach the console.
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Forward(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.WriteLine("    worker: " + line);
        }
    }

    /// <summary>The bench's database goes with its folder, so the workers need no clean stop.</summary>
    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }

    /// <summary>The demo project cut to <see cref="Shots"/> shots of one second, rendered at the bench's 256 px.</summary>
    private static async Task<int> AddProjectAsync(DemoProjectSeeder seeder, IDbContextFactory<StudioDbContext> factory, string userId, CancellationToken cancellationToken)
    {
        var projectId = await seeder.CreateAsync(userId, cancellationToken);
        await using var context = await factory.CreateDbContextAsync(cancellationToken);
        var shots = await context.Shots.Where(s => s.Scene!.ProjectId == projectId)
            .OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).ToListAsync(cancellationToken);
        context.Shots.RemoveRange(shots.Skip(Shots));
        foreach (var shot in shots.Take(Shots))
        {
            shot.DurationSeconds = 1;
        }
        await context.SaveChangesAsync(cancellationToken);
        return projectId;
    }

    private static async Task<List<int>> ShotIdsAsync(IDbContextFactory<StudioDbContext> factory, int projectId, CancellationToken cancellationToken)
    {
        await using var context = await factory.CreateDbContextAsync(cancellationToken);
        return await context.Shots.Where(s => s.Scene!.ProjectId == projectId).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed record Round(double Seconds, double ShotsPerMinute, double RenderMilliseconds, double OverheadMilliseconds, int Workers);
}
