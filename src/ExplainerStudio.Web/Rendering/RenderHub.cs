using ExplainerStudio.Web.Collaboration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Render progress for clients other than the studio's own pages (scripts, other tools). A client joins a project's
/// group and receives <c>progress</c> messages (<see cref="RenderEvent"/>); joining checks the caller's membership.
/// </summary>
[Authorize]
public sealed class RenderHub(ProjectAccess access) : Hub
{
    public const string Path = "/hubs/render";
    public const string ProgressMethod = "progress";

    public static string GroupName(int projectId) => "project-" + projectId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task JoinProject(int projectId)
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
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(projectId), Context.ConnectionAborted);
    }

    public Task LeaveProject(int projectId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(projectId), Context.ConnectionAborted);
}
