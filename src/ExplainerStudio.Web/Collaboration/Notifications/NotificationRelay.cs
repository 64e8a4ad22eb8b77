using System.Threading.Channels;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Collaboration.Notifications;

/// <summary>
/// Turns what other parts of the studio announce into inbox entries: a render or export that finished or failed (for
/// whoever started it), and an approval change on a shot (for everyone who edited it, as the feed's shot changes
/// tell). The notifiers' handlers run on the workers' threads, so events only enter bounded queues there; one reader
/// per source writes them, in order, so a shot edit is on record before the approval that follows it.
/// </summary>
public sealed class NotificationRelay(
    RenderProgressNotifier renders,
    ExportProgressNotifier exports,
    ProjectChangeFeed changes,
    NotificationService notifications,
    IDbContextFactory<StudioDbContext> contextFactory,
    ILogger<NotificationRelay> logger) : BackgroundService
{
    private readonly Channel<RenderEvent> _renders = Bounded<RenderEvent>();
    private readonly Channel<ExportEvent> _exports = Bounded<ExportEvent>();
    private readonly Channel<ProjectChange> _changes = Bounded<ProjectChange>();
    private int _pending;

    /// <summary>
    /// Completes once every event accepted so far has been written (or given up on). Notifications are written after
    /// the change that caused them, so whoever needs a settled database (a test comparing snapshots, a benchmark)
    /// waits here instead of sleeping.
    /// </summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref _pending) > 0)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private void Accept<T>(Channel<T> channel, T item)
    {
        Interlocked.Increment(ref _pending);
        if (!channel.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var renderSubscription = renders.Subscribe(e =>
        {
            if (e.Kind is RenderEventKind.Succeeded or RenderEventKind.Failed)
            {
                Accept(_renders, e);
            }
        });
        using var exportSubscription = exports.Subscribe(e =>
        {
            if (e.Status is ExportStatus.Succeeded or ExportStatus.Failed)
            {
                Accept(_exports, e);
            }
        }, projectId: null);
        using var changeSubscription = changes.Subscribe(c =>
        {
            // Another node's change was recorded there (Live:Redis); renders and exports are recorded wherever they are
            // seen, since a worker host may not run this relay, and delivery stores each notification once.
            if (c.Kind is ProjectChangeKind.Shot or ProjectChangeKind.Approval && c.ShotId is not null && c.FromNode is null)
            {
                Accept(_changes, c);
            }
        });
        await Task.WhenAll(
            DrainAsync(_renders, RenderFinishedAsync, stoppingToken),
            DrainAsync(_exports, ExportFinishedAsync, stoppingToken),
            DrainAsync(_changes, ShotChangedAsync, stoppingToken));
    }

    private async Task DrainAsync<T>(Channel<T> channel, Func<T, CancellationToken, Task> handle, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await handle(item, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One event that cannot become a notification must not stop the ones after it.
                    logger.LogWarning(e, "Could not turn {Event} into a notification", item);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RenderFinishedAsync(RenderEvent e, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await context.RenderJobs.AsNoTracking().Where(j => j.Id == e.JobId)
            .Select(j => new { j.RequestedByUserId, j.Attempts, Shot = context.Shots.Where(s => s.Id == j.ShotId).Select(s => s.Title).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null || string.IsNullOrEmpty(job.RequestedByUserId))
        {
            return;
        }
        var succeeded = e.Kind == RenderEventKind.Succeeded;
        var draft = new NotificationDraft(
            job.RequestedByUserId, e.ProjectId,
            succeeded ? NotificationKind.RenderSucceeded : NotificationKind.RenderFailed,
            succeeded ? $"Render of shot '{job.Shot}' finished" : $"Render of shot '{job.Shot}' failed",
            succeeded ? $"Take {e.TakeId} is ready." : e.Error ?? "No reason was recorded.",
            $"projects/{e.ProjectId}/shots/{e.ShotId}",
            $"render:{e.JobId}:{e.Kind}:{job.Attempts}");
        await notifications.DeliverAsync([draft], cancellationToken);
    }

    private async Task ExportFinishedAsync(ExportEvent e, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await context.ExportJobs.AsNoTracking().Where(j => j.Id == e.ExportId)
            .Select(j => new { j.RequestedById, j.Resolution, j.Aspect }).FirstOrDefaultAsync(cancellationToken);
        if (job is null || string.IsNullOrEmpty(job.RequestedById))
        {
            return;
        }
        var succeeded = e.Status == ExportStatus.Succeeded;
        var draft = new NotificationDraft(
            job.RequestedById, e.ProjectId,
            succeeded ? NotificationKind.ExportSucceeded : NotificationKind.ExportFailed,
            succeeded ? $"Export {e.ExportId} is ready to download" : $"Export {e.ExportId} failed",
            succeeded ? $"{job.Resolution}, {job.Aspect}" : e.Error ?? "No reason was recorded.",
            $"projects/{e.ProjectId}/exports",
            $"export:{e.ExportId}:{e.Status}");
        await notifications.DeliverAsync([draft], cancellationToken);
    }

    private async Task ShotChangedAsync(ProjectChange change, CancellationToken cancellationToken)
    {
        var shotId = change.ShotId!.Value;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (change.Kind == ProjectChangeKind.Shot)
        {
            if (string.IsNullOrEmpty(change.ActorUserId))
            {
                return;
            }
            var contributor = await context.ShotContributors.FirstOrDefaultAsync(c => c.ShotId == shotId && c.UserId == change.ActorUserId, cancellationToken);
            if (contributor is null)
            {
                context.ShotContributors.Add(new ShotContributor { ProjectId = change.ProjectId, ShotId = shotId, UserId = change.ActorUserId, LastEditedAt = change.At });
            }
            else
            {
                contributor.LastEditedAt = change.At;
            }
            await context.SaveChangesAsync(cancellationToken);
            return;
        }

        var editors = await context.ShotContributors.AsNoTracking().Where(c => c.ShotId == shotId && c.UserId != change.ActorUserId)
            .Select(c => c.UserId).ToListAsync(cancellationToken);
        if (editors.Count == 0)
        {
            return;
        }
        var shot = await context.Shots.AsNoTracking().Where(s => s.Id == shotId).Select(s => s.Title).FirstOrDefaultAsync(cancellationToken) ?? "a shot";
        var key = $"approval:{shotId}:{change.EntityId}:{change.At.UtcTicks}";
        var drafts = editors.Select(user => new NotificationDraft(
            user, change.ProjectId, NotificationKind.Approval,
            $"{change.ActorName ?? "Someone"} {change.Summary}",
            $"on shot '{shot}', which you edited",
            $"projects/{change.ProjectId}/shots/{shotId}",
            key)).ToList();
        await notifications.DeliverAsync(drafts, cancellationToken);
    }

    // A full queue (a database that stopped answering) refuses new events rather than growing: TryWrite returns false
    // and the event is not counted as pending, so WhenIdleAsync cannot wait for it forever.
    private static Channel<T> Bounded<T>() => Channel.CreateBounded<T>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
}
