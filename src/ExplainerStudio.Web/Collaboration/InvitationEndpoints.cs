using System.Security.Claims;
using ExplainerStudio.Web.Hosting;

namespace ExplainerStudio.Web.Collaboration;

public static class InvitationEndpoints
{
    public sealed record InvitationRequest(ProjectRole Role);

    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").RequireAuthorization();
        group.MapPost("/projects/{projectId:int}/invitations", (int projectId, InvitationRequest request, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await invitations.CreateAsync(projectId, request.Role, StudioApi.UserId(user), ct))));
        group.MapGet("/projects/{projectId:int}/invitations", (int projectId, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await invitations.ListAsync(projectId, StudioApi.UserId(user), ct))));
        group.MapDelete("/invitations/{invitationId:int}", (int invitationId, ClaimsPrincipal user, InvitationService invitations, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await invitations.RevokeAsync(invitationId, StudioApi.UserId(user), ct);
                return Results.NoContent();
            }));
        return endpoints;
    }
}
