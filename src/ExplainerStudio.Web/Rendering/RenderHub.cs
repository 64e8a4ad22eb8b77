using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Render progress for clients other than the studio's own pages (scripts, other tools). A client joins a project's
/// group and receives <c>progress</c> messages (<see cref="RenderEvent"/>); joining checks the caller's membership.
/// </summary>
[Authorize]
public sealed class RenderHub(ProjectAccess access, ProjectHubConnections connections) : Hub
{
    public const string Path = "/hubs/render";
    public const string ProgressMethod = "progress";

    public static string GroupName(int projectId) => "project-" + projectId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task JoinProject(int projectId)
    {
        await RequireMemberAsync(projectId);
        // Tracked before joining and checked again after: a removal that re-checks the group in between still finds
        // this connection, and one that came before the join is seen by the second check.
        connections.Joined(Context.ConnectionId, Context.UserIdentifier!, projectId);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(projectId), Context.ConnectionAborted);
        try
        {
            await RequireMemberAsync(projectId);
        }
        catch (HubException)
        {
            await LeaveProject(projectId);
            throw;
        }
    }

    public async Task LeaveProject(int projectId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(projectId), Context.ConnectionAborted);
        connections.Left(Context.ConnectionId, projectId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private async Task RequireMemberAsync(int projectId)
    {
        try
        {
            await access.RequireAsync(projectId, Context.UserIdentifier, ProjectRole.Viewer, Context.ConnectionAborted);
        }
        catch (ProjectAccessDeniedException e)
        {
            // HubException's message reaches the client; other exceptions are hidden from it.
            throw new HubException(e.Message);
        }
    }
}
