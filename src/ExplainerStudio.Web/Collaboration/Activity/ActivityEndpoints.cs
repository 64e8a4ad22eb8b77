using System.Security.Claims;
using ExplainerStudio.Web.Hosting;

namespace ExplainerStudio.Web.Collaboration.Activity;

public static class ActivityEndpoints
{
    /// <summary>Restores the shot's fields as they were after <paramref name="EntryId"/>, based on the shot version the caller has.</summary>
    public sealed record RestoreRequest(int EntryId, int Version);

    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").RequireAuthorization();
        group.MapGet("/projects/{projectId:int}/activity", (int projectId, ActivityKind? kind, string? actor, int? shot, int? limit,
                ClaimsPrincipal user, ActivityService activity, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await activity.ListAsync(projectId, StudioApi.UserId(user),
                new ActivityFilter(kind, actor, shot, limit ?? 200), ct))));
        group.MapGet("/shots/{shotId:int}/history", (int shotId, ClaimsPrincipal user, ActivityService activity, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await activity.ShotHistoryAsync(shotId, StudioApi.UserId(user), ct))));
        group.MapPost("/shots/{shotId:int}/restore", (int shotId, RestoreRequest request, ClaimsPrincipal user, ActivityService activity, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(new { Version = await activity.RestoreAsync(shotId, request.EntryId, request.Version, StudioApi.UserId(user), ct) })));
        return endpoints;
    }
}
