using System.Threading.Channels;
using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.SignalR;

namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// Forwards every committed change to the render hub's group of its project as a <c>change</c> message, through one
/// bounded queue with one sender so that every client sees the changes in commit order and a slow client never holds up
/// a service. A membership change first re-checks every user with a connection in the group: the connections of a
/// removed member leave it before anything after the change is sent, so they get no further events.
/// </summary>
internal sealed class ProjectChangeHubRelay(
    ProjectChangeFeed feed,
    ProjectHubConnections connections,
    ProjectAccess access,
    IHubContext<RenderHub> hub,
    ILogger<ProjectChangeHubRelay> logger) : BackgroundService
{
    public const string ChangeMethod = "change";

    private readonly Channel<ProjectChange> _changes = Channel.CreateBounded<ProjectChange>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
        dropped => logger.LogWarning("The change relay fell behind; a {Kind} change of project {ProjectId} was not sent to hub clients", dropped.Kind, dropped.ProjectId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(change => _changes.Writer.TryWrite(change));
        await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // Another node's change reaches this node's hub clients from that node, through the Redis backplane.
                if (change.FromNode is null)
                {
                    await hub.Clients.Group(RenderHub.GroupName(change.ProjectId)).SendAsync(ChangeMethod, change, stoppingToken);
                }
                if (change.Kind == ProjectChangeKind.Membership)
                {
                    await RemoveFormerMembersAsync(change.ProjectId, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not relay a {Kind} change of project {ProjectId}", change.Kind, change.ProjectId);
            }
        }
    }

    private async Task RemoveFormerMembersAsync(int projectId, CancellationToken cancellationToken)
    {
        foreach (var (userId, connectionIds) in connections.InProject(projectId))
        {
            if (await access.FindRoleAsync(projectId, userId, cancellationToken) is not null)
            {
                continue;
            }
            foreach (var connectionId in connectionIds)
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, RenderHub.GroupName(projectId), cancellationToken);
                connections.Left(connectionId, projectId);
            }
            logger.LogInformation("Removed {Count} hub connection(s) of a former member from project {ProjectId}", connectionIds.Count, projectId);
        }
    }
}
