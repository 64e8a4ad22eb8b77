using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Takes queued jobs by priority then age and renders them, <see cref="RenderingOptions.Workers"/> at a time. At
/// start-up, <see cref="RenderJobRecovery"/> queues again the jobs a previous process left running, so a crash or a
/// kill loses no job. A failing job is marked failed with its reason and the worker goes on with the next.
/// </summary>
public sealed class RenderWorker(
    IDbContextFactory<StudioDbContext> contextFactory,
    ShotRenderer renderer,
    TakeStore takes,
    RenderProgressNotifier notifier,
    RenderSignal signal,
    RenderCancellations cancellations,
    RenderJobRecovery recovery,
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
        var workers = Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await TryClaimAsync(stoppingToken);
                if (job is null)
                {
                    await signal.WaitAsync(poll, stoppingToken);
                    continue;
                }
                await RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever went wrong (the database briefly unavailable, a file system error while cleaning up), the
                // worker must live on: a job left Running is queued again at the next start-up.
                logger.LogError(e, "The render worker hit an unexpected error and carries on");
                await Task.Delay(poll, stoppingToken);
            }
        }
    }

    private async Task<RenderJob?> TryClaimAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var candidate = await context.RenderJobs.AsNoTracking().Where(j => j.Status == RenderJobStatus.Queued)
                .OrderByDescending(j => j.Priority).ThenBy(j => j.QueuedAt).ThenBy(j => j.Id)
                .Select(j => j.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate == 0)
            {
                return null;
            }
            var now = clock.GetUtcNow();
            // Conditional on the status, so two workers (or processes) can never both claim it.
            var claimed = await context.RenderJobs.Where(j => j.Id == candidate && j.Status == RenderJobStatus.Queued)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(j => j.Status, RenderJobStatus.Running)
                    .SetProperty(j => j.StartedAt, now)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.Step, 0)
                    .SetProperty(j => j.Phase, "starting"), cancellationToken);
            if (claimed == 1)
            {
                return await context.RenderJobs.AsNoTracking().FirstAsync(j => j.Id == candidate, cancellationToken);
            }
        }
    }

    private async Task RunAsync(RenderJob job, CancellationToken stoppingToken)
    {
        using var jobCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        cancellations.Register(job.Id, jobCancellation);
        var directory = takes.JobDirectory(job.Id);
        var packId = "?";
        try
        {
            DeleteDirectory(directory);
            var progress = new RenderJobProgress(job, notifier, contextFactory, clock,
                TimeSpan.FromMilliseconds(options.Value.ProgressSaveIntervalMilliseconds), jobCancellation, logger);
            progress.Started();
            packId = System.Text.Json.JsonSerializer.Deserialize<RenderInputs>(job.InputsJson, RenderQueue.Json)?.ModelPack ?? "?";
            var rendered = await renderer.RenderAsync(job, directory, progress, jobCancellation.Token);
            var takeId = await takes.CommitAsync(job, rendered, stoppingToken);
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
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A clean shutdown queues the job again at once: only a stop nobody announced counts as a crash.
            await using var context = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            await context.RenderJobs.Where(j => j.Id == job.Id && j.Status == RenderJobStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, RenderJobStatus.Queued).SetProperty(j => j.Step, 0).SetProperty(j => j.Phase, (string?)null));
        }
        catch (OperationCanceledException)
        {
            // Cleaned before the row says it is over, so nobody who sees the final state finds partial files.
            DeleteDirectory(directory);
            await FinishAsync(job, RenderJobStatus.Cancelled, null);
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
            await FinishAsync(job, RenderJobStatus.Failed, message);
            notifier.Publish(Final(job, RenderEventKind.Failed) with { Error = message });
        }
        finally
        {
            cancellations.Unregister(job.Id, jobCancellation);
        }
    }

    private async Task FinishAsync(RenderJob job, RenderJobStatus status, string? error)
    {
        await using var context = await contextFactory.CreateDbContextAsync();
        await context.RenderJobs.Where(j => j.Id == job.Id && j.Status == RenderJobStatus.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow()));
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
