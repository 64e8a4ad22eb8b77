using System.Security.Claims;
using ExplainerStudio.Web.Hosting;

namespace ExplainerStudio.Web.Timeline;

/// <summary>Timeline and export API; non-members get 404 so a project's existence does not leak.</summary>
public static class TimelineEndpoints
{
    public static IEndpointRouteBuilder MapTimelineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").RequireAuthorization();
        group.MapGet("/projects/{projectId:int}/timeline", (int projectId, ClaimsPrincipal user, TimelineService timeline, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await timeline.GetAsync(projectId, StudioApi.UserId(user), ct))));
        group.MapGet("/projects/{projectId:int}/exports", (int projectId, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await exports.ListAsync(projectId, StudioApi.UserId(user), ct))));
        group.MapPost("/projects/{projectId:int}/exports", (int projectId, ExportRequestEdit request, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                var id = await exports.StartAsync(projectId, request, StudioApi.UserId(user), ct);
                return Results.Accepted($"/api/exports/{id}", new { exportId = id });
            })).DisableAntiforgery();
        group.MapGet("/exports/{exportId:int}", (int exportId, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await exports.GetAsync(exportId, StudioApi.UserId(user), ct))));
        group.MapPost("/exports/{exportId:int}/cancel", (int exportId, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await exports.CancelAsync(exportId, StudioApi.UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapGet("/exports/{exportId:int}/file", (int exportId, ExportFileKind? kind, ClaimsPrincipal user, ExportService exports, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                var (path, name, type) = await exports.GetFileAsync(exportId, kind ?? ExportFileKind.Video, StudioApi.UserId(user), ct);
                return Results.File(path, type, name, enableRangeProcessing: true);
            }));
        group.MapPost("/dialogue/{lineId:int}/take", (int lineId, IFormFile file, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await using var stream = file.OpenReadStream();
                await audio.UploadTakeAsync(lineId, file.FileName, stream, StudioApi.UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapDelete("/dialogue/{lineId:int}/take", (int lineId, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await audio.RemoveAsync(lineId, StudioApi.UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapPost("/scenes/{sceneId:int}/voiceover", (int sceneId, IFormFile file, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await using var stream = file.OpenReadStream();
                return Results.Ok(await audio.SplitVoiceOverAsync(sceneId, file.FileName, stream, StudioApi.UserId(user), ct));
            })).DisableAntiforgery();
        group.MapPost("/scenes/{sceneId:int}/voiceover/{voiceOverId}/apply",
            (int sceneId, string voiceOverId, List<VoiceOverAssignment> assignments, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await audio.ApplyVoiceOverAsync(sceneId, voiceOverId, assignments, StudioApi.UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapPost("/projects/{projectId:int}/music", (int projectId, IFormFile file, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await using var stream = file.OpenReadStream();
                await audio.UploadMusicAsync(projectId, file.FileName, stream, StudioApi.UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        group.MapDelete("/projects/{projectId:int}/music", (int projectId, ClaimsPrincipal user, TimelineAudioService audio, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await audio.RemoveMusicAsync(projectId, StudioApi.UserId(user), ct);
                return Results.NoContent();
            })).DisableAntiforgery();
        return endpoints;
    }
}
