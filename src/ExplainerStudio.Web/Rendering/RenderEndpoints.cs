using System.Security.Claims;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Take files for the browser (the clip streams with range requests so video elements can seek) and a small render
/// API for scripts. Non-members get 404, so a project's existence does not leak.
/// </summary>
public static class RenderEndpoints
{
    public static IEndpointRouteBuilder MapRenderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").RequireAuthorization();
        group.MapGet("/takes/{takeId:int}/keyframe", (int takeId, ClaimsPrincipal user, TakeService takes, CancellationToken ct) =>
            ServeAsync(takeId, clip: false, user, takes, ct));
        group.MapGet("/takes/{takeId:int}/clip", (int takeId, ClaimsPrincipal user, TakeService takes, CancellationToken ct) =>
            ServeAsync(takeId, clip: true, user, takes, ct));
        group.MapGet("/shots/{shotId:int}/takes", (int shotId, ClaimsPrincipal user, TakeService takes, CancellationToken ct) =>
            Guard(async () => Results.Ok(await takes.ListAsync(shotId, UserId(user), ct))));
        group.MapPost("/shots/{shotId:int}/render", (int shotId, SeedMode? seed, ClaimsPrincipal user, RenderQueue queue, CancellationToken ct) =>
            Guard(async () =>
            {
                var jobId = await queue.GenerateShotAsync(shotId, UserId(user), seed ?? SeedMode.Same, cancellationToken: ct);
                return Results.Accepted($"/api/render/jobs/{jobId}", new { jobId });
            })).DisableAntiforgery();
        group.MapGet("/render/jobs/{jobId:int}", (int jobId, ClaimsPrincipal user, RenderQueue queue, CancellationToken ct) =>
            Guard(async () => Results.Ok(await queue.GetJobAsync(jobId, UserId(user), ct))));
        return endpoints;
    }

    private static Task<IResult> ServeAsync(int takeId, bool clip, ClaimsPrincipal user, TakeService takes, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var (path, sha) = await takes.GetFileAsync(takeId, clip, UserId(user), cancellationToken);
            return Results.File(path, clip ? "video/mp4" : "image/png", enableRangeProcessing: true,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha[..32]}\""));
        });

    private static async Task<IResult> Guard(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ProjectAccessDeniedException e) when (e.IsMember)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is ProjectAccessDeniedException or NotFoundException)
        {
            return Results.NotFound();
        }
        catch (StudioInputException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed-in user without an id claim.");
}
