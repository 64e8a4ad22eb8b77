using System.Security.Claims;
using ExplainerStudio.Web.Hosting;
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
            StudioApi.GuardAsync(async () => Results.Ok(await takes.ListAsync(shotId, StudioApi.UserId(user), ct))));
        group.MapPost("/shots/{shotId:int}/render", (int shotId, SeedMode? seed, ClaimsPrincipal user, RenderQueue queue, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                var jobId = await queue.GenerateShotAsync(shotId, StudioApi.UserId(user), seed ?? SeedMode.Same, cancellationToken: ct);
                return Results.Accepted($"/api/render/jobs/{jobId}", new { jobId });
            })).DisableAntiforgery();
        group.MapGet("/render/jobs/{jobId:int}", (int jobId, ClaimsPrincipal user, RenderQueue queue, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await queue.GetJobAsync(jobId, StudioApi.UserId(user), ct))));
        group.MapPost("/render/jobs/{jobId:int}/retry", (int jobId, ClaimsPrincipal user, RenderQueue queue, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await queue.RetryAsync(jobId, StudioApi.UserId(user), ct);
                return Results.Ok(await queue.GetJobAsync(jobId, StudioApi.UserId(user), ct));
            }));
        group.MapPost("/render/jobs/{jobId:int}/cancel", (int jobId, ClaimsPrincipal user, RenderQueue queue, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await queue.CancelAsync(jobId, StudioApi.UserId(user), ct);
                return Results.Ok(await queue.GetJobAsync(jobId, StudioApi.UserId(user), ct));
            }));
        return endpoints;
    }

    private static Task<IResult> ServeAsync(int takeId, bool clip, ClaimsPrincipal user, TakeService takes, CancellationToken cancellationToken) =>
        StudioApi.GuardAsync(async () =>
        {
            var (path, sha) = await takes.GetFileAsync(takeId, clip, StudioApi.UserId(user), cancellationToken);
            return Results.File(path, clip ? "video/mp4" : "image/png", enableRangeProcessing: true,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha[..32]}\""));
        });
}
