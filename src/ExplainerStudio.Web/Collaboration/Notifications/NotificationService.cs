using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Collaboration.Notifications;

/// <summary>
/// Each user's inbox. A user sees only their own notifications, and only those of projects they still belong to: a
/// removed member's old notifications stop showing with the rest of the project.
/// </summary>
public sealed class NotificationService(
    IDbContextFactory<StudioDbContext> contextFactory, InboxSignal signal, TimeProvider clock, IOptions<DiscussionOptions> options)
{
    public async Task<IReadOnlyList<NotificationView>> ListAsync(string userId, bool unreadOnly = false, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = Visible(context, userId);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        var rows = await query
            .Select(n => new { n.Id, n.Kind, n.ProjectId, Project = context.Projects.Where(p => p.Id == n.ProjectId).Select(p => p.Name).FirstOrDefault(), n.Title, n.Detail, n.Link, n.CreatedAt, n.ReadAt })
            .ToListAsync(cancellationToken);
        // Ordered here: DateTimeOffset is stored as a sortable number, but ordering by id keeps ties stable too.
        return rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(options.Value.InboxPageSize)
            .Select(n => new NotificationView(n.Id, n.Kind, n.ProjectId, n.Project ?? "", n.Title, n.Detail, n.Link, n.CreatedAt, n.ReadAt is not null))
            .ToList();
    }

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Visible(context, userId).CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    public async Task MarkReadAsync(int notificationId, string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var notification = await Visible(context, userId).FirstOrDefaultAsync(n => n.Id == notificationId, cancellationToken)
            ?? throw new NotFoundException("That notification is not in your inbox any more.");
        if (notification.ReadAt is null)
        {
            notification.ReadAt = clock.GetUtcNow();
            await context.SaveChangesAsync(cancellationToken);
            signal.Raise(userId);
        }
    }

    /// <summary>Marks every unread notification read; returns how many there were.</summary>
    public async Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var unread = await Visible(context, userId).Where(n => n.ReadAt == null).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var notification in unread)
        {
            notification.ReadAt = now;
        }
        await context.SaveChangesAsync(cancellationToken);
        if (unread.Count > 0)
        {
            signal.Raise(userId);
        }
        return unread.Count;
    }

    /// <summary>
    /// Stores the notifications whose user is still a member of the project and has not had one from the same source,
    /// then tells each user's open pages. Returns how many were stored.
    /// </summary>
    public async Task<int> DeliverAsync(IReadOnlyCollection<NotificationDraft> drafts, CancellationToken cancellationToken = default)
    {
        if (drafts.Count == 0)
        {
            return 0;
        }
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var projectIds = drafts.Select(d => d.ProjectId).Distinct().ToList();
        var userIds = drafts.Select(d => d.UserId).Distinct().ToList();
        var members = (await context.ProjectMembers.AsNoTracking()
            .Where(m => projectIds.Contains(m.ProjectId) && userIds.Contains(m.UserId))
            .Select(m => new { m.ProjectId, m.UserId }).ToListAsync(cancellationToken))
            .Select(m => (m.ProjectId, m.UserId)).ToHashSet();
        var keys = drafts.Select(d => d.SourceKey).Distinct().ToList();
        var existing = (await context.Notifications.AsNoTracking()
            .Where(n => userIds.Contains(n.UserId) && keys.Contains(n.SourceKey))
            .Select(n => new { n.UserId, n.SourceKey }).ToListAsync(cancellationToken))
            .Select(n => (n.UserId, n.SourceKey)).ToHashSet();
        var now = clock.GetUtcNow();
        var delivered = new List<Notification>();
        foreach (var draft in drafts)
        {
            if (!members.Contains((draft.ProjectId, draft.UserId)) || !existing.Add((draft.UserId, draft.SourceKey)))
            {
                continue;
            }
            delivered.Add(new Notification
            {
                UserId = draft.UserId,
                ProjectId = draft.ProjectId,
                Kind = draft.Kind,
                Title = Shorten(draft.Title, 300),
                Detail = Shorten(draft.Detail, 300),
                Link = draft.Link,
                SourceKey = draft.SourceKey,
                CreatedAt = now,
            });
        }
        if (delivered.Count == 0)
        {
            return 0;
        }
        context.Notifications.AddRange(delivered);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another studio process (a second web node seeing the same finished render) may have stored them first.
            if (!await AllStoredAsync(delivered, cancellationToken))
            {
                throw;
            }
            return 0;
        }
        foreach (var user in delivered.Select(n => n.UserId).Distinct())
        {
            signal.Raise(user);
        }
        return delivered.Count;
    }

    private async Task<bool> AllStoredAsync(List<Notification> notifications, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = notifications.Select(n => n.SourceKey).Distinct().ToList();
        var userIds = notifications.Select(n => n.UserId).Distinct().ToList();
        var stored = (await context.Notifications.AsNoTracking()
            .Where(n => userIds.Contains(n.UserId) && keys.Contains(n.SourceKey))
            .Select(n => new { n.UserId, n.SourceKey }).ToListAsync(cancellationToken))
            .Select(n => (n.UserId, n.SourceKey)).ToHashSet();
        return notifications.All(n => stored.Contains((n.UserId, n.SourceKey)));
    }

    private static IQueryable<Notification> Visible(StudioDbContext context, string userId) =>
        context.Notifications.Where(n => n.UserId == userId
            && context.ProjectMembers.Any(m => m.ProjectId == n.ProjectId && m.UserId == userId));

    /// <summary>A one-line excerpt: white space collapsed, cut at a word with an ellipsis.</summary>
    public static string Shorten(string text, int max)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }
        var cut = flat.LastIndexOf(' ', max - 1);
        return flat[..(cut > max / 2 ? cut : max - 1)] + "…";
    }
}
