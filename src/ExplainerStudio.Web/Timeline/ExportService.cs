using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Timeline;

/// <summary>Starts, lists, cancels and serves exports; the work itself runs in <see cref="ExportWorker"/>.</summary>
public sealed class ExportService(
    IDbContextFactory<StudioDbContext> contextFactory,
    ProjectAccess access,
    StudioPaths paths,
    ExportProgressNotifier notifier,
    JobStore<ExportJob> store,
    JobSignal<ExportJob> signal,
    JobCancellations<ExportJob> cancellations,
    TimeProvider clock)
{
    public async Task<int> StartAsync(int projectId, ExportRequestEdit request, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Editor, cancellationToken);
        if (!Enum.IsDefined(request.Resolution) || !Enum.IsDefined(request.Aspect) || !Enum.IsDefined(request.Fit) || !Enum.IsDefined(request.Subtitles))
        {
            throw new StudioInputException("Choose a size, an aspect ratio, pad or crop, and a subtitle mode from the lists.");
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = new ExportJob
        {
            ProjectId = projectId,
            RequestedById = userId,
            Status = ExportStatus.Queued,
            Resolution = request.Resolution,
            Aspect = request.Aspect,
            Fit = request.Fit,
            Subtitles = request.Subtitles,
            CreatedAt = clock.GetUtcNow(),
        };
        context.ExportJobs.Add(job);
        await context.SaveChangesAsync(cancellationToken);
        notifier.Publish(new ExportEvent(job.Id, projectId, ExportStatus.Queued, 0, null));
        signal.Notify();
        return job.Id;
    }

    public async Task<IReadOnlyList<ExportView>> ListAsync(int projectId, string userId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(projectId, userId, ProjectRole.Viewer, cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await context.ExportJobs.AsNoTracking().Where(j => j.ProjectId == projectId)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).ToListAsync(cancellationToken);
        return [.. jobs.Select(View)];
    }

    public async Task<ExportView> GetAsync(int exportId, string userId, CancellationToken cancellationToken = default)
    {
        var job = await FindAsync(exportId, userId, ProjectRole.Viewer, cancellationToken);
        return View(job);
    }

    public async Task CancelAsync(int exportId, string userId, CancellationToken cancellationToken = default)
    {
        var job = await FindAsync(exportId, userId, ProjectRole.Editor, cancellationToken);
        if (job.Status is not (ExportStatus.Queued or ExportStatus.Running))
        {
            return;
        }
        if (await store.RequestCancelAsync(exportId, cancellationToken) == JobCancelOutcome.Dequeued)
        {
            notifier.Publish(new ExportEvent(exportId, job.ProjectId, ExportStatus.Cancelled, 0, null));
            return;
        }
        // Running: the flag reaches its worker, in whichever process, at its next heartbeat; this process's worker
        // is told at once.
        cancellations.Cancel(exportId);
    }

    /// <summary>The full path and download name of a finished export's video or subtitle sidecar, for a member.</summary>
    public async Task<(string Path, string DownloadName, string ContentType)> GetFileAsync(
        int exportId, ExportFileKind kind, string userId, CancellationToken cancellationToken = default)
    {
        var job = await FindAsync(exportId, userId, ProjectRole.Viewer, cancellationToken);
        if (job.Status != ExportStatus.Succeeded || job.FilePath is null)
        {
            throw new NotFoundException("That export has not finished; download it once it has.");
        }
        var video = Path.GetFullPath(Path.Combine(paths.DataDirectory, job.FilePath));
        var (path, extension, type) = kind switch
        {
            ExportFileKind.Srt => (Path.ChangeExtension(video, ".srt"), "srt", "application/x-subrip"),
            ExportFileKind.Vtt => (Path.ChangeExtension(video, ".vtt"), "vtt", "text/vtt"),
            _ => (video, "mp4", "video/mp4"),
        };
        if (!File.Exists(path))
        {
            throw new NotFoundException("The export's file is missing from the data folder; export again.");
        }
        return (path, $"project-{job.ProjectId}-export-{job.Id}.{extension}", type);
    }

    private async Task<ExportJob> FindAsync(int exportId, string userId, ProjectRole minimum, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await context.ExportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == exportId, cancellationToken)
            ?? throw new NotFoundException("That export no longer exists.");
        await access.RequireAsync(job.ProjectId, userId, minimum, cancellationToken);
        return job;
    }

    private static ExportView View(ExportJob job) => new(
        job.Id, job.Status, job.Resolution, job.Aspect, job.Fit, job.Subtitles, job.CreatedAt, job.FinishedAt,
        job.Progress, job.DurationSeconds, job.SizeBytes, job.Error);
}
