using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// At start-up, decides what becomes of the jobs the previous process left running (it stopped without saying so:
/// killed, out of memory, a power cut, or a native crash). They are queued again, every time, unless there is
/// evidence that the job itself brings the studio down: it was the only job running at
/// <see cref="CrashesBeforeGivingUp"/> consecutive unclean stops, and each time it had got exactly as far (the same
/// phase and step, as last saved). A kill from outside lands at a different point each time; a job that crashes the
/// process dies where its poison is. A stop with several jobs running proves nothing about any of them and clears
/// their streaks; a clean shutdown re-queues its jobs itself and is not a crash at all.
/// </summary>
public sealed class RenderJobRecovery(
    IDbContextFactory<StudioDbContext> contextFactory,
    TakeStore takes,
    TimeProvider clock,
    ILogger<RenderJobRecovery> logger)
{
    public const int CrashesBeforeGivingUp = 3;

    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var interrupted = await context.RenderJobs.Where(j => j.Status == RenderJobStatus.Running).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var job in interrupted)
        {
            var point = $"{job.Phase ?? "starting"}:{job.Step}";
            job.CrashStreak = interrupted.Count > 1 ? 0 : job.LastCrashPoint == point ? job.CrashStreak + 1 : 1;
            job.LastCrashPoint = interrupted.Count > 1 ? null : point;
            job.Step = 0;
            job.Phase = null;
            if (job.CrashStreak >= CrashesBeforeGivingUp)
            {
                job.Status = RenderJobStatus.Failed;
                job.FinishedAt = now;
                job.Error = $"The studio stopped {job.CrashStreak} times in a row at the same point of this render ({point}) while " +
                    "nothing else was rendering, so this render seems to bring it down; it is no longer retried automatically. " +
                    "Lower the shot's size, steps or duration (or free memory), then retry it.";
                logger.LogError("Render job {JobId} failed: the studio stopped {Count} times at {Point} while only it ran", job.Id, job.CrashStreak, point);
            }
            else
            {
                job.Status = RenderJobStatus.Queued;
            }
        }
        await context.SaveChangesAsync(cancellationToken);

        // Cancel requests that never reached a worker are honoured now rather than rendered.
        await context.RenderJobs.Where(j => j.Status == RenderJobStatus.Queued && j.CancelRequested)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, RenderJobStatus.Cancelled).SetProperty(j => j.FinishedAt, now), cancellationToken);
        var partials = Path.GetDirectoryName(takes.JobDirectory(0))!;
        if (Directory.Exists(partials))
        {
            Directory.Delete(partials, recursive: true);
        }
        var requeued = interrupted.Count(j => j.Status == RenderJobStatus.Queued);
        if (requeued > 0)
        {
            logger.LogWarning("Re-queued {Count} render jobs interrupted by the last unclean stop", requeued);
        }
    }
}
