using System.Security.Claims;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>A small JSON API over the storyboard for scripts and integrations; it enforces the same membership rules as the pages.</summary>
public static class StoryboardEndpoints
{
    public static IEndpointRouteBuilder MapStoryboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/projects").RequireAuthorization();
        group.MapGet("/", async (ClaimsPrincipal user, StoryboardService storyboards, CancellationToken ct) =>
            TypedResults.Ok(await storyboards.ListProjectsAsync(ReferenceImageEndpoints.UserId(user), ct)));
        group.MapGet("/{projectId:int}", async (int projectId, ClaimsPrincipal user, StoryboardService storyboards, CancellationToken ct) =>
        {
            try
            {
                return Results.Ok(await storyboards.GetStoryboardAsync(projectId, ReferenceImageEndpoints.UserId(user), ct));
            }
            catch (ProjectAccessDeniedException)
            {
                return Results.NotFound();
            }
        });
        return endpoints;
    }
}
