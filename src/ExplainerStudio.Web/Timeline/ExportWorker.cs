using System.Diagnostics;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// Runs exports one at a time. Exports a stopped studio left queued or running are queued again at start-up, oldest
/// first, and each runs exactly once: a worker claims an export by moving it from Queued to Running in one conditional
/// update, so an id handed over twice is run once.
/// </summary>
public sealed class ExportWorker(
    ExportService exports,
    TimelineService timeline,
    TimelineExporter exporter,
    IDbContextFactory<StudioDbContext> contextFactory,
    ExportProgressNotifier notifier,
    StudioPaths paths,
    ILogger<ExportWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressSaveInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var context = await contextFactory.CreateDbContextAsync(stoppingToken))
        {
            // An interrupted export starts over: its output is written again from the timeline as it is now.
            await context.ExportJobs.Where(j => j.Status == ExportStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, ExportStatus.Queued).SetProperty(j => j.Progress, 0), stoppingToken);
            var left = await context.ExportJobs.AsNoTracking().Where(j => j.Status == ExportStatus.Queued)
                .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(stoppingToken);
            foreach (var exportId in left)
            {
                exports.Resume(exportId);
            }
            if (left.Count > 0)
            {
                logger.LogWarning("Resumed {Count} exports left queued or running by the last stop", left.Count);
            }
        }

        await foreach (var exportId in exports.Queue.ReadAllAsync(stoppingToken))
        {
            await RunAsync(exportId, stoppingToken);
        }
    }

    private async Task RunAsync(int exportId, CancellationToken stoppingToken)
    {
        ExportJob? job;
        await using (var context = await contextFactory.CreateDbContextAsync(stoppingToken))
        {
            var claimed = await context.ExportJobs.Where(j => j.Id == exportId && j.Status == ExportStatus.Queued)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, ExportStatus.Running), stoppingToken);
            job = claimed == 1 ? await context.ExportJobs.AsNoTracking().FirstAsync(j => j.Id == exportId, stoppingToken) : null;
            if (job is null)
            {
                return;
            }
        }
        notifier.Publish(new ExportEvent(exportId, job.ProjectId, ExportStatus.Running, 0, null));

        var cancellation = exports.Track(exportId, stoppingToken);
        try
        {
            var plan = await timeline.PlanAsync(job.ProjectId, cancellation.Token);
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
            var clock = Stopwatch.StartNew();
            var lastSave = TimeSpan.Zero;
            var progress = new InlineProgress(report =>
            {
                var fraction = report.Fraction ?? 0;
                notifier.Publish(new ExportEvent(exportId, job.ProjectId, ExportStatus.Running, fraction, null));
                if (clock.Elapsed - lastSave >= ProgressSaveInterval)
                {
                    lastSave = clock.Elapsed;
                    using var context = contextFactory.CreateDbContext();
                    context.ExportJobs.Where(j => j.Id == exportId).ExecuteUpdate(u => u.SetProperty(j => j.Progress, fraction));
                }
            });
            var result = await exporter.ExportAsync(
                new ExportRequest(plan.Timeline, plan.Pictures, settings, Path.Combine(paths.DataDirectory, relative), plan.MusicPath),
                progress, $"export-{exportId}", cancellation.Token);
            await FinishAsync(job, ExportStatus.Succeeded, null, relative, result.Duration.TotalSeconds, new FileInfo(result.VideoPath).Length);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            await FinishAsync(job, ExportStatus.Cancelled, null, null, 0, 0);
        }
        catch (Exception e) when (e is MediaException or StudioInputException or NotFoundException)
        {
            logger.LogWarning(e, "Export {ExportId} failed", exportId);
            await FinishAsync(job, ExportStatus.Failed, e.Message, null, 0, 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (a full disk, a database error) fails this export only; the worker goes on with the next.
            logger.LogError(e, "Export {ExportId} failed unexpectedly", exportId);
            await FinishAsync(job, ExportStatus.Failed, $"The export failed unexpectedly ({e.Message}); see the studio log.", null, 0, 0);
        }
        finally
        {
            exports.Untrack(exportId);
        }
    }

    private async Task FinishAsync(ExportJob job, ExportStatus status, string? error, string? filePath, double duration, long size)
    {
        await using var context = await contextFactory.CreateDbContextAsync(CancellationToken.None);
        await context.ExportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Error, error)
            .SetProperty(j => j.FilePath, filePath)
            .SetProperty(j => j.DurationSeconds, duration)
            .SetProperty(j => j.SizeBytes, size)
            .SetProperty(j => j.Progress, status == ExportStatus.Succeeded ? 1 : job.Progress)
            .SetProperty(j => j.FinishedAt, DateTimeOffset.UtcNow));
        notifier.Publish(new ExportEvent(job.Id, job.ProjectId, status, status == ExportStatus.Succeeded ? 1 : 0, error));
    }

    /// <summary>Reports on ffmpeg's reading thread, so no report arrives after the export has returned.</summary>
    private sealed class InlineProgress(Action<FfmpegProgress> report) : IProgress<FfmpegProgress>
    {
        public void Report(FfmpegProgress value) => report(value);
    }
}
