using System.Linq.Expressions;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// The loop every worker of a kind runs: claim the next job, run it under its lease, and when there is none wait for
/// the signal (a job queued in this process) or the poll (one queued by another process). Every lease length it also
/// reclaims jobs whose worker has died, so another process's crash is recovered without a restart here. A worker that
/// cannot run every job (a render worker without some model pack) says which it can, and the others stay queued.
/// </summary>
public sealed class JobWorkerLoop<TJob>(
    JobStore<TJob> store,
    JobSignal<TJob> signal,
    JobCancellations<TJob> cancellations,
    IOptions<JobOptions> options,
    TimeProvider clock)
    where TJob : class, IDurableJob
{
    public async Task RunAsync(
        Func<JobRun<TJob>, Task> run, Func<CancellationToken, Task> reclaim, TimeSpan poll, TimeSpan progressSaveInterval,
        ILogger logger, CancellationToken stoppingToken, Func<Expression<Func<TJob, bool>>?>? eligible = null)
    {
        var nextReclaim = clock.GetUtcNow() + options.Value.Lease;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextReclaim)
                {
                    nextReclaim = clock.GetUtcNow() + options.Value.Lease;
                    await reclaim(stoppingToken);
                }
                // Asked before every claim: what this worker can run changes when a pack is installed.
                var job = await store.ClaimAsync(eligible?.Invoke(), stoppingToken);
                if (job is null)
                {
                    await signal.WaitAsync(poll, stoppingToken);
                    continue;
                }
                await using var attempt = store.Start(job, progressSaveInterval, logger, stoppingToken);
                cancellations.Register(job.Id, attempt.Cancellation);
                try
                {
                    await run(attempt);
                }
                finally
                {
                    cancellations.Unregister(job.Id, attempt.Cancellation);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever went wrong (the database briefly unavailable, a file system error while cleaning up), the
                // worker lives on: a job left running is reclaimed once its lease runs out.
                logger.LogError(e, "The {Kind} worker hit an unexpected error and carries on", store.Kind.Name);
                await Task.Delay(poll, clock, stoppingToken);
            }
        }
    }
}
