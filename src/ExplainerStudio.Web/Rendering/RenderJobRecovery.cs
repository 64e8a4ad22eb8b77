using System.Globalization;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Decides what becomes of render jobs whose worker stopped without saying so (killed, out of memory, a power cut, a
/// native crash): at start-up for the jobs this machine's previous process left, and every lease length for jobs
/// whose worker anywhere stopped renewing its lease. They are queued again, every time, unless there is evidence that
/// the job itself brings the studio down: it was the only job interrupted at <see cref="CrashesBeforeGivingUp"/>
/// consecutive unclean stops, and each time it had got exactly as far (the same phase and step, as last saved). A
/// kill from outside lands at a different point each time; a job that crashes the process dies where its poison is.
/// A stop with several jobs running proves nothing about any of them and clears their streaks; a clean shutdown
/// re-queues its jobs itself and is not a crash at all.
/// </summary>
public sealed class RenderJobRecovery(
    JobStore<RenderJob> store,
    IDbContextFactory<StudioDbContext> contextFactory,
    TakeStore takes,
    TimeProvider clock,
    ILogger<RenderJobRecovery> logger)
{
    public const int CrashesBeforeGivingUp = 3;

    /// <summary>At start-up, before this process's workers run: reclaims, honours old cancel requests, removes partial folders.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        await ReclaimAsync(cancellationToken);

        // Cancel requests that never reached a worker are honoured now rather than rendered.
        var now = clock.GetUtcNow();
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await context.RenderJobs.Where(j => j.Status == RenderJobStatus.Queued && j.CancelRequested)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, RenderJobStatus.Cancelled).SetProperty(j => j.FinishedAt, now), cancellationToken);
        }

        // Folders of jobs no live worker runs are what a stopped process left half written; a studio sharing this
        // data folder may be running the others.
        var live = await store.LiveJobIdsAsync(cancellationToken);
        var partials = Path.GetDirectoryName(takes.JobDirectory(0))!;
        if (Directory.Exists(partials))
        {
            foreach (var folder in Directory.GetDirectories(partials))
            {
                var name = Path.GetFileName(folder);
                if (!name.StartsWith("job-", StringComparison.Ordinal)
                    || !int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var jobId)
                    || !live.Contains(jobId))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    /// <summary>Queues again (or, on the evidence, fails) every running job whose worker is gone.</summary>
    public async Task ReclaimAsync(CancellationToken cancellationToken = default)
    {
        var interrupted = await store.FindAbandonedAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var requeued = 0;
        foreach (var job in interrupted)
        {
            var point = $"{job.Phase ?? "starting"}:{job.Step}";
            var streak = interrupted.Count > 1 ? 0 : job.LastCrashPoint == point ? job.CrashStreak + 1 : 1;
            string? lastPoint = interrupted.Count > 1 ? null : point;
            var givingUp = streak >= CrashesBeforeGivingUp;
            var error = givingUp
                ? $"The studio stopped {streak} times in a row at the same point of this render ({point}) while " +
                  "nothing else was rendering, so this render seems to bring it down; it is no longer retried automatically. " +
                  "Lower the shot's size, steps or duration (or free memory), then retry it."
                : null;
            var released = await store.ReleaseAbandonedAsync(job, u =>
            {
                u.SetProperty(j => j.CrashStreak, streak).SetProperty(j => j.LastCrashPoint, lastPoint)
                    .SetProperty(j => j.Step, 0).SetProperty(j => j.Phase, (string?)null);
                if (givingUp)
                {
                    u.SetProperty(j => j.Status, RenderJobStatus.Failed).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.Error, error);
                }
                else
                {
                    u.SetProperty(j => j.Status, RenderJobStatus.Queued);
                }
            }, cancellationToken);
            if (!released)
            {
                continue;
            }
            if (givingUp)
            {
                logger.LogError("Render job {JobId} failed: the studio stopped {Count} times at {Point} while only it ran", job.Id, streak, point);
            }
            else
            {
                requeued++;
            }
            var folder = takes.JobDirectory(job.Id);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        if (requeued > 0)
        {
            logger.LogWarning("Re-queued {Count} render jobs whose worker stopped without finishing them", requeued);
        }
    }
}
