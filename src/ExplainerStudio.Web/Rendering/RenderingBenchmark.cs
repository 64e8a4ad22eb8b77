using System.Diagnostics;
using System.Globalization;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Media.Video;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// `./studio.sh bench`, rendering part: the first three shots of the demo project rendered through the real queue,
/// worker, encoder and database at the project's size, end to end, against the same three pipeline runs alone. The
/// difference is what the queue, reference loading, encoding and commits cost on top of generation. Each round runs
/// both, one after the other, so that a machine loaded by something else slows both alike; the figures are the median
/// of the rounds (<c>STUDIO_BENCH_ROUNDS</c>, default 5), with the overhead broken down per part.
/// </summary>
public static class RenderingBenchmark
{
    public const int Shots = 3;
    private const int DefaultRounds = 5;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string contentRoot, string workDirectory, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(workDirectory, "rendering");
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("STUDIO_BENCH_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? asked
            : DefaultRounds;
        await using var services = BuildServices(contentRoot, dataDirectory);
        await services.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
        var engine = services.GetRequiredService<GenerationEngine>();
        engine.Start();
        if (engine.State != GenerationEngineState.Ready)
        {
            throw new GenerationUnavailableException(engine.Error ?? "The generation engine did not start.");
        }

        var userId = await Hosting.BenchUser.AddAsync(services, cancellationToken);
        var (projectId, warmUpShot) = await AddProjectAsync(services, userId, cancellationToken);
        var worker = services.GetServices<IHostedService>().OfType<RenderWorker>().Single();
        await worker.StartAsync(cancellationToken);
        try
        {
            var queue = services.GetRequiredService<RenderQueue>();
            var notifier = services.GetRequiredService<RenderProgressNotifier>();

            // Loads the sessions and fits the preview map, so the measured run is steady-state.
            await RunAndWaitAsync(notifier, () => queue.GenerateShotAsync(warmUpShot, userId).ContinueWith(t => (IReadOnlyList<int>)[t.Result], TaskScheduler.Default));

            var renderer = services.GetRequiredService<ShotRenderer>();
            var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
            var figures = new List<Round>();
            List<Take> takes = [];
            List<RenderJob> jobs = [];
            for (var round = 0; round < rounds; round++)
            {
                // Alternating which goes first cancels out a load that grows or shrinks through the round.
                var pipelineFirst = round % 2 == 1;
                var (pipeline, prepare, pipelineCpu) = pipelineFirst && jobs.Count > 0 ? await PipelineAloneAsync(renderer, jobs, cancellationToken) : default;
                var cpuBefore = ProcessCpuSeconds();
                var encoderCpuBefore = ChildrenCpuSeconds();
                var clock = Stopwatch.StartNew();
                var (jobIds, spans) = await RunAndWaitAsync(notifier, () => queue.GenerateProjectAsync(projectId, userId, cancellationToken: cancellationToken));
                var endToEnd = clock.Elapsed;
                var endToEndCpu = ProcessCpuSeconds() - cpuBefore;
                var encoderCpu = ChildrenCpuSeconds() - encoderCpuBefore;

                await using var context = await factory.CreateDbContextAsync(cancellationToken);
                jobs = await context.RenderJobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToListAsync(cancellationToken);
                var failed = jobs.FirstOrDefault(j => j.Status != RenderJobStatus.Succeeded);
                if (failed is not null)
                {
                    throw new InvalidOperationException($"Benchmark render job {failed.Id} ended {failed.Status}: {failed.Error}");
                }
                takes = await context.Takes.AsNoTracking().Where(t => jobIds.Contains(t.JobId)).ToListAsync(cancellationToken);
                if (!pipelineFirst || pipeline == TimeSpan.Zero)
                {
                    (pipeline, prepare, pipelineCpu) = await PipelineAloneAsync(renderer, jobs, cancellationToken);
                }
                var inWorker = spans.Values.Sum(s => s.TotalSeconds);
                var rendered = takes.Sum(t => t.TotalMilliseconds) / 1000;
                var encodeWait = takes.Sum(t => t.EncodeMilliseconds) / 1000;
                figures.Add(new Round(
                    endToEnd.TotalSeconds, pipeline.TotalSeconds, prepare.TotalSeconds,
                    Frames: rendered - encodeWait - prepare.TotalSeconds - pipeline.TotalSeconds,
                    EncodeWait: encodeWait,
                    Commit: inWorker - rendered,
                    Queue: endToEnd.TotalSeconds - inWorker,
                    EndToEndCpu: endToEndCpu,
                    PipelineCpu: pipelineCpu,
                    EncoderCpu: encoderCpu));
                var last = figures[^1];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1}/{rounds}: {last.EndToEnd:0.00} s end to end, {last.Pipeline:0.00} s pipeline, overhead {last.Overhead:P1} " +
                    $"(queue {last.Queue:0.00} s, prepare {last.Prepare:0.00} s, frames {last.Frames:0.00} s, encode wait {last.EncodeWait:0.00} s, commit {last.Commit:0.00} s; " +
                    $"CPU {last.EndToEndCpu:0.0} s, of which ffmpeg {last.EncoderCpu:0.0} s, against {last.PipelineCpu:0.0} s)"));
            }

            var frames = takes.Sum(t => t.FrameCount);
            double Median(Func<Round, double> figure) => RenderingBenchmark.Median(figures.Select(figure));
            var pipelineMedian = Median(r => r.Pipeline);
            return new Dictionary<string, double>
            {
                ["rendering_rounds"] = rounds,
                ["rendering_shots"] = Shots,
                ["rendering_frames"] = frames,
                ["rendering_width"] = takes[0].Width,
                ["rendering_height"] = takes[0].Height,
                ["rendering_frame_rate"] = takes[0].FrameRate,
                ["rendering_end_to_end_seconds"] = Median(r => r.EndToEnd),
                ["rendering_pipeline_sum_seconds"] = pipelineMedian,
                ["rendering_overhead_ratio"] = Median(r => r.Overhead),
                ["rendering_overhead_ratio_min"] = figures.Min(r => r.Overhead),
                ["rendering_overhead_ratio_max"] = figures.Max(r => r.Overhead),
                ["rendering_overhead_queue_ratio"] = Median(r => r.Queue / r.Pipeline),
                ["rendering_overhead_prepare_ratio"] = Median(r => r.Prepare / r.Pipeline),
                ["rendering_overhead_frames_ratio"] = Median(r => r.Frames / r.Pipeline),
                ["rendering_overhead_encode_wait_ratio"] = Median(r => r.EncodeWait / r.Pipeline),
                ["rendering_overhead_commit_ratio"] = Median(r => r.Commit / r.Pipeline),
                ["rendering_end_to_end_cpu_seconds"] = Median(r => r.EndToEndCpu),
                ["rendering_pipeline_cpu_seconds"] = Median(r => r.PipelineCpu),
                ["rendering_overhead_cpu_ratio"] = Median(r => (r.EndToEndCpu - r.PipelineCpu) / r.PipelineCpu),
                ["rendering_overhead_encoder_cpu_ratio"] = Median(r => r.EncoderCpu / r.PipelineCpu),
                ["rendering_encoder_cpu_seconds"] = Median(r => r.EncoderCpu),
                ["rendering_convert_milliseconds_per_frame"] = ConvertMillisecondsPerFrame(takes[0].Width, takes[0].Height),
                ["rendering_frames_per_second"] = frames / Median(r => r.EndToEnd),
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

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>
    /// The same jobs' pipeline runs alone: keyframe and every frame, no queue, files, encoder or database; and, apart,
    /// the preparation (references from the database, layout) that the worker does before the first step.
    /// </summary>
    private static async Task<(TimeSpan Pipeline, TimeSpan Prepare, double CpuSeconds)> PipelineAloneAsync(ShotRenderer renderer, IReadOnlyList<RenderJob> jobs, CancellationToken cancellationToken)
    {
        var cpuBefore = ProcessCpuSeconds();
        var total = TimeSpan.Zero;
        var preparing = TimeSpan.Zero;
        foreach (var job in jobs)
        {
            var prepareClock = Stopwatch.StartNew();
            var prepared = await renderer.PrepareAsync(job, cancellationToken);
            preparing += prepareClock.Elapsed;
            var clock = Stopwatch.StartNew();
            await foreach (var frame in prepared.Pipeline.RenderShotAsync(prepared.Keyframe, prepared.Move, prepared.FrameCount,
                prepared.RefineStrength, refineEvery: prepared.RefineEvery, cancellationToken: cancellationToken))
            {
                _ = frame.Index;
            }
            total += clock.Elapsed;
        }
        return (total, preparing, ProcessCpuSeconds() - cpuBefore);
    }

    /// <summary>
    /// The in-process rgb24 → yuv420p conversion that feeds ffmpeg, alone on one frame of the take's size: the part of the
    /// encoder's cost that moved into this process (ffmpeg's own scaler took about 3 ms a 1280×720 frame here).
    /// </summary>
    private static double ConvertMillisecondsPerFrame(int width, int height)
    {
        const int Frames = 60;
        var rgb = new byte[width * height * 3];
        new Random(7).NextBytes(rgb);
        var yuv = new byte[Yuv420Converter.FrameSize(width, height)];
        Yuv420Converter.Convert(rgb, width, height, yuv);
        // The median frame: other work on a loaded machine lengthens some frames, not the conversion.
        var times = new List<double>(Frames);
        for (var i = 0; i < Frames; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Yuv420Converter.Convert(rgb, width, height, yuv);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return Median(times);
    }

    /// <summary>CPU seconds of the children this process has waited for: the ffmpeg encodes.</summary>
    private static double ChildrenCpuSeconds() => ProcStatSeconds(from: 13, count: 2);

    /// <summary>
    /// CPU seconds of this process and of the children it has waited for (ffmpeg), from /proc/self/stat: work done,
    /// whatever else loads the machine. Zero where /proc is not there.
    /// </summary>
    private static double ProcessCpuSeconds() => ProcStatSeconds(from: 11, count: 4);

    private static double ProcStatSeconds(int from, int count)
    {
        const double TicksPerSecond = 100;
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: utime, stime, cutime and cstime are fields 14 to 17 of the whole line.
            return fields.Skip(from).Take(count).Sum(f => double.Parse(f, CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Queues jobs and waits for all to end; returns their ids and, per job, the time from its start to its final event.</summary>
    private static async Task<(IReadOnlyList<int> Ids, IReadOnlyDictionary<int, TimeSpan> Spans)> RunAndWaitAsync(
        RenderProgressNotifier notifier, Func<Task<IReadOnlyList<int>>> enqueue)
    {
        var started = new Dictionary<int, long>();
        var spans = new Dictionary<int, TimeSpan>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IReadOnlyList<int>? ids = null;
        using var subscription = notifier.Subscribe(e =>
        {
            lock (spans)
            {
                if (e.Kind == RenderEventKind.Started)
                {
                    started[e.JobId] = Stopwatch.GetTimestamp();
                    return;
                }
                if (!e.IsFinal)
                {
                    return;
                }
                spans[e.JobId] = started.TryGetValue(e.JobId, out var at) ? Stopwatch.GetElapsedTime(at) : TimeSpan.Zero;
                if (ids is not null && ids.All(spans.ContainsKey))
                {
                    all.TrySetResult();
                }
            }
        });
        var queued = await enqueue();
        lock (spans)
        {
            ids = queued;
            if (ids.All(spans.ContainsKey))
            {
                all.TrySetResult();
            }
        }
        await all.Task;
        return (queued, spans);
    }

    /// <summary>One round's seconds: end to end, pipeline alone, and the parts of the difference.</summary>
    private sealed record Round(
        double EndToEnd, double Pipeline, double Prepare, double Frames, double EncodeWait, double Commit, double Queue, double EndToEndCpu, double PipelineCpu, double EncoderCpu)
    {
        public double Overhead => (EndToEnd - Pipeline) / Pipeline;
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
}
