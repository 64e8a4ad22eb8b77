using System.Collections.Concurrent;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// What services call right after their commit: it names the actor (display names never change after registration, so
/// they are cached) and hands the change to the <see cref="ProjectChangeFeed"/>. Publishing ignores the caller's
/// cancellation: the commit has happened, so the change must reach the other members even if the request went away.
/// </summary>
public sealed class ProjectChangePublisher(ProjectChangeFeed feed, IDbContextFactory<StudioDbContext> contextFactory, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public async Task PublishAsync(int projectId, ProjectChangeKind kind, int? entityId, int? shotId, string? actorUserId, string summary)
    {
        var actorName = await DisplayNameAsync(actorUserId);
        feed.Publish(new ProjectChange(projectId, kind, entityId, shotId, actorUserId, actorName, summary, clock.GetUtcNow()));
    }

    public async Task<string?> DisplayNameAsync(string? userId)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }
        if (_names.TryGetValue(userId, out var cached))
        {
            return cached;
        }
        await using var context = await contextFactory.CreateDbContextAsync(CancellationToken.None);
        var name = await context.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(CancellationToken.None);
        if (name is null)
        {
            return null;
        }
        _names[userId] = name;
        return name;
    }
}
