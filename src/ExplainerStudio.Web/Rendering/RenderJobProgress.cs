using System.Diagnostics;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// A running job's progress: every report becomes a live event at once, and the job row is updated at most every
/// <see cref="RenderingOptions.ProgressSaveIntervalMilliseconds"/> (off the render thread) so that a reload shows
/// where it is. The save also reads the cancel flag, which is how a cancel from another process arrives.
/// </summary>
public sealed class RenderJobProgress(
    RenderJob job,
    RenderProgressNotifier notifier,
    IDbContextFactory<StudioDbContext> contextFactory,
    TimeProvider clock,
    TimeSpan saveInterval,
    CancellationTokenSource cancellation,
    ILogger logger)
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly Stopwatch _sinceSave = Stopwatch.StartNew();
    private int _saving;
    private int _step;
    private int _total;
    private string? _phase;

    public void Started() =>
        notifier.Publish(new RenderEvent(job.Id, job.ProjectId, job.ShotId, RenderEventKind.Started, clock.GetUtcNow(), Phase: "starting"));

    public void Report(string phase, int step, int total, RgbImage? preview)
    {
        _step = step;
        _total = total;
        _phase = phase;
        double? eta = step > 0 ? _elapsed.Elapsed.TotalSeconds / step * (total - step) : null;
        notifier.Publish(new RenderEvent(job.Id, job.ProjectId, job.ShotId, RenderEventKind.Progress, clock.GetUtcNow(),
            step, total, phase, eta, preview is null ? null : TestRenderService.DataUrl(preview)));
        SaveSoon();
    }

    public void Encoding()
    {
        _phase = "encoding";
        notifier.Publish(new RenderEvent(job.Id, job.ProjectId, job.ShotId, RenderEventKind.Encoding, clock.GetUtcNow(),
            _step, _total, "encoding"));
        SaveSoon(force: true);
    }

    private void SaveSoon(bool force = false)
    {
        if ((!force && _sinceSave.Elapsed < saveInterval) || Interlocked.Exchange(ref _saving, 1) == 1)
        {
            return;
        }
        _sinceSave.Restart();
        var (step, total, phase) = (_step, _total, _phase);
        _ = Task.Run(async () =>
        {
            try
            {
                await using var context = await contextFactory.CreateDbContextAsync();
                await context.RenderJobs.Where(j => j.Id == job.Id && j.Status == RenderJobStatus.Running)
                    .ExecuteUpdateAsync(u => u.SetProperty(j => j.Step, step).SetProperty(j => j.TotalSteps, total).SetProperty(j => j.Phase, phase));
                var cancelRequested = await context.RenderJobs.Where(j => j.Id == job.Id).Select(j => j.CancelRequested).FirstOrDefaultAsync();
                if (cancelRequested)
                {
                    await cancellation.CancelAsync();
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or ObjectDisposedException or Microsoft.Data.Sqlite.SqliteException)
            {
                // Progress rows are a convenience for reloads; the render goes on and the next save tries again.
                logger.LogWarning(e, "Could not save the progress of render job {JobId}", job.Id);
            }
            finally
            {
                Volatile.Write(ref _saving, 0);
            }
        });
    }
}
