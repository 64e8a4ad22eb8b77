using System.Security.Claims;
using ExplainerStudio.Web.Hosting;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>A small JSON API over the storyboard for scripts and integrations; it enforces the same membership rules as the pages.</summary>
public static class StoryboardEndpoints
{
    public static IEndpointRouteBuilder MapStoryboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/projects").RequireAuthorization();
        group.MapGet("/", async (ClaimsPrincipal user, StoryboardService storyboards, CancellationToken ct) =>
            TypedResults.Ok(await storyboards.ListProjectsAsync(StudioApi.UserId(user), ct)));
        group.MapGet("/{projectId:int}", (int projectId, ClaimsPrincipal user, StoryboardService storyboards, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await storyboards.GetStoryboardAsync(projectId, StudioApi.UserId(user), ct))));
        return endpoints;
    }
}
