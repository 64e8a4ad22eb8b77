using System.Security.Claims;
using ExplainerStudio.Web.Hosting;

namespace ExplainerStudio.Web.Collaboration.Approvals;

public static class ApprovalEndpoints
{
    /// <summary>A decision on a shot: the target state, an optional note, and the approval version it is based on.</summary>
    public sealed record ApprovalRequest(ApprovalState State, string? Note, int Version);

    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").RequireAuthorization();
        group.MapGet("/projects/{projectId:int}/approvals", (int projectId, ClaimsPrincipal user, ApprovalService approvals, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok((await approvals.ListAsync(projectId, StudioApi.UserId(user), ct)).Values.OrderBy(a => a.ShotId))));
        group.MapGet("/shots/{shotId:int}/approval", (int shotId, ClaimsPrincipal user, ApprovalService approvals, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await approvals.GetAsync(shotId, StudioApi.UserId(user), ct))));
        group.MapPut("/shots/{shotId:int}/approval", (int shotId, ApprovalRequest request, ClaimsPrincipal user, ApprovalService approvals, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await approvals.SetAsync(shotId, request.State, request.Note, request.Version, StudioApi.UserId(user), ct))));
        return endpoints;
    }
}
