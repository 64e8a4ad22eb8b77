using ExplainerStudio.Media;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// Runs exports one at a time on the job machinery. An export whose worker stopped (this studio killed, or another
/// process sharing the database) goes back to the queue when its lease is found abandoned and starts over; the claim
/// and the conditional finish make it run to the end exactly once.
/// </summary>
public sealed class ExportWorker(
    JobWorkerLoop<ExportJob> loop,
    JobStore<ExportJob> store,
    TimelineService timeline,
    TimelineExporter exporter,
    ExportProgressNotifier notifier,
    StudioPaths paths,
    TimeProvider clock,
    ILogger<ExportWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressSaveInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ReclaimAsync(stoppingToken);
        await loop.RunAsync(RunAsync, ReclaimAsync, Poll, ProgressSaveInterval, logger, stoppingToken);
    }

    /// <summary>An interrupted export starts over: its output is written again from the timeline as it is now.</summary>
    private async Task ReclaimAsync(CancellationToken cancellationToken)
    {
        var requeued = 0;
        foreach (var job in await store.FindAbandonedAsync(cancellationToken))
        {
            if (await store.ReleaseAbandonedAsync(job, store.Kind.SetRequeued, cancellationToken))
            {
                requeued++;
            }
        }
        if (requeued > 0)
        {
            logger.LogWarning("Re-queued {Count} exports whose worker stopped without finishing them", requeued);
        }
    }

    private async Task RunAsync(JobRun<ExportJob> run)
    {
        var job = run.Job;
        var exportId = job.Id;
        notifier.Publish(new ExportEvent(exportId, job.ProjectId, ExportStatus.Running, 0, null));
        try
        {
            var plan = await timeline.PlanAsync(job.ProjectId, run.Token);
            if (plan.LineProblems.Count > 0)
            {
                throw new StudioInputException(string.Join(" ", plan.LineProblems.Values.Distinct()));
            }
            var relative = Path.Combine("exports", job.ProjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"export-{exportId}.mp4");
            var settings = new ExportSettings(job.Resolution, job.Aspect, job.Fit, job.Subtitles, plan.FrameRate);
            if (job.Resolution == ExportResolution.Preview360)
            {
                // A preview is for checking the cut in the browser: speed matters, quality hardly.
                settings = settings with { Preset = "ultrafast", Crf = 32 };
            }
            // Called on ffmpeg's progress reader: the event goes out at once, the row is saved by the run's own loop.
            var progress = new InlineProgress(report =>
            {
                var fraction = report.Fraction ?? 0;
                notifier.Publish(new ExportEvent(exportId, job.ProjectId, ExportStatus.Running, fraction, null));
                run.Report(u => u.SetProperty(j => j.Progress, fraction));
            });
            var result = await exporter.ExportAsync(
                new ExportRequest(plan.Timeline, plan.Pictures, settings, Path.Combine(paths.DataDirectory, relative), plan.MusicPath),
                progress, $"export-{exportId}", run.Token);
            await FinishAsync(run, ExportStatus.Succeeded, null, relative, result.Duration.TotalSeconds, new FileInfo(result.VideoPath).Length);
        }
        catch (OperationCanceledException) when (run.StoppingToken.IsCancellationRequested)
        {
            // A clean shutdown: the export starts over after the next start-up (or in another process now).
            await run.RequeueAsync();
        }
        catch (OperationCanceledException) when (run.LeaseLost)
        {
            // Another worker reclaimed the export and runs it now.
        }
        catch (OperationCanceledException)
        {
            await FinishAsync(run, ExportStatus.Cancelled, null, null, 0, 0);
        }
        catch (Exception e) when (e is MediaException or StudioInputException or NotFoundException)
        {
            logger.LogWarning(e, "Export {ExportId} failed", exportId);
            await FinishAsync(run, ExportStatus.Failed, e.Message, null, 0, 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (a full disk, a database error) fails this export only; the worker goes on with the next.
            logger.LogError(e, "Export {ExportId} failed unexpectedly", exportId);
            await FinishAsync(run, ExportStatus.Failed, $"The export failed unexpectedly ({e.Message}); see the studio log.", null, 0, 0);
        }
    }

    private async Task FinishAsync(JobRun<ExportJob> run, ExportStatus status, string? error, string? filePath, double duration, long size)
    {
        var job = run.Job;
        var now = clock.GetUtcNow();
        var finished = await run.FinishAsync(u =>
        {
            u.SetProperty(j => j.Status, status)
                .SetProperty(j => j.Error, error)
                .SetProperty(j => j.FilePath, filePath)
                .SetProperty(j => j.DurationSeconds, duration)
                .SetProperty(j => j.SizeBytes, size)
                .SetProperty(j => j.FinishedAt, now);
            if (status == ExportStatus.Succeeded)
            {
                u.SetProperty(j => j.Progress, 1);
            }
        });
        if (finished)
        {
            notifier.Publish(new ExportEvent(job.Id, job.ProjectId, status, status == ExportStatus.Succeeded ? 1 : 0, error));
        }
    }

    /// <summary>Reports on ffmpeg's reading thread, so no report arrives after the export has returned.</summary>
    private sealed class InlineProgress(Action<FfmpegProgress> report) : IProgress<FfmpegProgress>
    {
        public void Report(FfmpegProgress value) => report(value);
    }
}
