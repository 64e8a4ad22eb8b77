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
/// Runs exports one at a time. Exports left queued or running by a stopped studio are marked failed at start-up
/// (their partial files were never moved into place), so the history never shows one as running forever.
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
            await context.ExportJobs.Where(j => j.Status == ExportStatus.Queued || j.Status == ExportStatus.Running)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(j => j.Status, ExportStatus.Failed)
                    .SetProperty(j => j.Error, "The studio stopped before this export finished; start it again.")
                    .SetProperty(j => j.FinishedAt, DateTimeOffset.UtcNow), stoppingToken);
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
            job = await context.ExportJobs.FirstOrDefaultAsync(j => j.Id == exportId, stoppingToken);
            if (job is null || job.Status != ExportStatus.Queued)
            {
                return;
            }
            job.Status = ExportStatus.Running;
            await context.SaveChangesAsync(stoppingToken);
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
