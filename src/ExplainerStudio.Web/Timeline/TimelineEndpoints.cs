using System.Security.Claims;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Timeline;

/// <summary>Timeline and export API; non-members get 404 so a project's existence does not leak.</summary>
public static class TimelineEndpoints
{
    public static IEndpointRouteBuilder MapTimelineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").RequireAuthorization();
        group.MapGet("/projects/{projectId:int}/timeline", (int projectId, ClaimsPrincipal user, TimelineService timeline, CancellationToken ct) =>
            Guard(async () => Results.Ok(await timeline.GetAsync(projectId, UserId(user), ct))));
        group.MapGet("/projects/{projectId:int}/exports", (int projectId, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            Guard(async () => Results.Ok(await exports.ListAsync(projectId, UserId(user), ct))));
        group.MapPost("/projects/{projectId:int}/exports", (int projectId, ExportRequestEdit request, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            Guard(async () =>
            {
                var id = await exports.StartAsync(projectId, request, UserId(user), ct);
                return Results.Accepted($"/api/exports/{id}", new { exportId = id });
            })).DisableAntiforgery();
        group.MapGet("/exports/{exportId:int}", (int exportId, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            Guard(async () => Results.Ok(await exports.GetAsync(exportId, UserId(user), ct))));
        group.MapPost("/exports/{exportId:int}/cancel", (int exportId, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            Guard(async () =>
            {
                await exports.CancelAsync(exportId, UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapGet("/exports/{exportId:int}/file", (int exportId, ExportFileKind? kind, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            Guard(async () =>
            {
                var (path, name, type) = await exports.GetFileAsync(exportId, kind ?? ExportFileKind.Video, UserId(user), ct);
                return Results.File(path, type, name, enableRangeProcessing: true);
            }));
        group.MapPost("/dialogue/{lineId:int}/take", (int lineId, IFormFile file, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            Guard(async () =>
            {
                await using var stream = file.OpenReadStream();
                await audio.UploadTakeAsync(lineId, file.FileName, stream, UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapDelete("/dialogue/{lineId:int}/take", (int lineId, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            Guard(async () =>
            {
                await audio.RemoveAsync(lineId, UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapPost("/scenes/{sceneId:int}/voiceover", (int sceneId, IFormFile file, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            Guard(async () =>
            {
                await using var stream = file.OpenReadStream();
                return Results.Ok(await audio.SplitVoiceOverAsync(sceneId, file.FileName, stream, UserId(user), ct));
            })).DisableAntiforgery();
        group.MapPost("/scenes/{sceneId:int}/voiceover/{voiceOverId}/apply",
            (int sceneId, string voiceOverId, List<VoiceOverAssignment> assignments, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            Guard(async () =>
            {
                await audio.ApplyVoiceOverAsync(sceneId, voiceOverId, assignments, UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapPost("/projects/{projectId:int}/music", (int projectId, IFormFile file, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            Guard(async () =>
            {
                await using var stream = file.OpenReadStream();
                await audio.UploadMusicAsync(projectId, file.FileName, stream, UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapDelete("/projects/{projectId:int}/music", (int projectId, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            Guard(async () =>
            {
                await audio.RemoveMusicAsync(projectId, UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        return endpoints;
    }

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
