using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Workers;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Renders queued jobs on the job machinery, <see cref="RenderingOptions.Workers"/> at a time. At start-up (and every
/// lease length after), <see cref="RenderJobRecovery"/> queues again the jobs a stopped worker left running, so a crash
/// or a kill loses no job. A failing job is marked failed with its reason and the worker goes on with the next. It
/// takes only jobs whose model pack is in its models folder (<see cref="WorkerCapabilities"/>); the others wait for a
/// worker that has theirs.
/// </summary>
public sealed class RenderWorker(
    JobWorkerLoop<RenderJob> loop,
    ShotRenderer renderer,
    TakeStore takes,
    RenderProgressNotifier notifier,
    RenderJobRecovery recovery,
    GenerationEngine engine,
    WorkerCapabilities capabilities,
    IOptions<RenderingOptions> options,
    TimeProvider clock,
    ILogger<RenderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorkers)
        {
            return;
        }
        await recovery.RecoverAsync(stoppingToken);
        // What this worker can run is known once the engine has read the models folder; it claims nothing before.
        await engine.WhenReadyAsync(stoppingToken);
        var poll = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        var saveInterval = TimeSpan.FromMilliseconds(options.Value.ProgressSaveIntervalMilliseconds);
        var workers = Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(
            () => loop.RunAsync(RunAsync, recovery.ReclaimAsync, poll, saveInterval, logger, stoppingToken, capabilities.Eligible), stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task RunAsync(JobRun<RenderJob> run)
    {
        var job = run.Job;
        var directory = takes.JobDirectory(job.Id);
        var packId = "?";
        try
        {
            DeleteDirectory(directory);
            var progress = new RenderJobProgress(run, notifier, clock);
            progress.Started();
            packId = System.Text.Json.JsonSerializer.Deserialize<RenderInputs>(job.InputsJson, RenderQueue.Json)?.ModelPack ?? "?";
            var rendered = await renderer.RenderAsync(job, directory, progress, run.Token);
            await run.StopHeartbeatAsync();
            var takeId = await takes.CommitAsync(job, rendered, run.StoppingToken);
            DeleteDirectory(directory);
            if (takeId is null)
            {
                notifier.Publish(Final(job, RenderEventKind.Cancelled));
                return;
            }
            logger.LogInformation("Render job {JobId} made take {TakeId} of shot {ShotId} in {Seconds:0.0} s",
                job.Id, takeId, job.ShotId, rendered.Total.TotalSeconds);
            notifier.Publish(Final(job, RenderEventKind.Succeeded) with { TakeId = takeId, Step = 1, TotalSteps = 1 });
        }
        catch (OperationCanceledException) when (run.StoppingToken.IsCancellationRequested)
        {
            // A clean shutdown queues the job again at once: only a stop nobody announced counts as a crash.
            await run.RequeueAsync();
        }
        catch (OperationCanceledException) when (run.LeaseLost)
        {
            // Another worker reclaimed the job and runs it now; its folder and its row are that worker's.
        }
        catch (OperationCanceledException)
        {
            // Cleaned before the row says it is over, so nobody who sees the final state finds partial files.
            DeleteDirectory(directory);
            await FinishAsync(run, RenderJobStatus.Cancelled, null);
            notifier.Publish(Final(job, RenderEventKind.Cancelled));
        }
        catch (Exception e)
        {
            var message = RenderFailure.Describe(e, packId);
            if (message is null)
            {
                logger.LogError(e, "Render job {JobId} failed unexpectedly", job.Id);
                message = $"The render failed unexpectedly ({e.GetType().Name}: {e.Message}). Retry; if it fails again, send the studio log (data/logs) to support.";
            }
            else
            {
                logger.LogWarning("Render job {JobId} failed: {Message}", job.Id, message);
            }
            DeleteDirectory(directory);
            await FinishAsync(run, RenderJobStatus.Failed, message);
            notifier.Publish(Final(job, RenderEventKind.Failed) with { Error = message });
        }
    }

    private async Task FinishAsync(JobRun<RenderJob> run, RenderJobStatus status, string? error)
    {
        var now = clock.GetUtcNow();
        await run.FinishAsync(u => u
            .SetProperty(j => j.FinishedBy, run.Job.LeaseOwner)
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Error, error)
            .SetProperty(j => j.FinishedAt, now));
    }

    private RenderEvent Final(RenderJob job, RenderEventKind kind) => new(job.Id, job.ProjectId, job.ShotId, kind, clock.GetUtcNow());

    /// <summary>Best effort: a folder that cannot be removed now is removed at the next start-up.</summary>
    private void DeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not remove the render folder {Directory}; it is removed at the next start-up", directory);
        }
    }
}
