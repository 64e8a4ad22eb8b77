using System.Security.Claims;
using ExplainerStudio.Web.Hosting;

namespace ExplainerStudio.Web.Characters;

public static class ReferenceImageEndpoints
{
    public static IEndpointRouteBuilder MapReferenceImageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/references").RequireAuthorization();
        group.MapGet("/images/{imageId:int}", (int imageId, ClaimsPrincipal user, CharacterService characters, HttpContext http, CancellationToken ct) =>
            ServeAsync(imageId, thumbnail: false, user, characters, http, ct));
        group.MapGet("/images/{imageId:int}/thumbnail", (int imageId, ClaimsPrincipal user, CharacterService characters, HttpContext http, CancellationToken ct) =>
            ServeAsync(imageId, thumbnail: true, user, characters, http, ct));
        group.MapPost("/characters/{characterId:int}/images", UploadAsync).DisableAntiforgery();
        return endpoints;
    }

    private static Task<IResult> ServeAsync(
        int imageId, bool thumbnail, ClaimsPrincipal user, CharacterService characters, HttpContext http, CancellationToken cancellationToken) =>
        StudioApi.GuardAsync(async () =>
        {
            var (png, sha) = await characters.GetImageAsync(imageId, thumbnail, StudioApi.UserId(user), cancellationToken);
            // Content-addressed: an image id never changes its bytes, so browsers may keep it.
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return TypedResults.File(png, "image/png", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha[..32]}\""));
        });

    /// <summary>Upload endpoint for scripts and other clients; the browser UI uses the same service through its circuit.</summary>
    private static Task<IResult> UploadAsync(
        int characterId, IFormFile file, ClaimsPrincipal user, CharacterService characters, CancellationToken cancellationToken) =>
        StudioApi.GuardAsync(async () =>
        {
            await using var stream = file.OpenReadStream();
            var id = await characters.AddReferenceImageAsync(characterId, StudioApi.UserId(user), file.FileName, stream, cancellationToken);
            return TypedResults.Created($"/api/references/images/{id}", new { id });
        });
}
