using System.Security.Claims;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

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

    private static async Task<IResult> ServeAsync(
        int imageId, bool thumbnail, ClaimsPrincipal user, CharacterService characters, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var (png, sha) = await characters.GetImageAsync(imageId, thumbnail, UserId(user), cancellationToken);
            // Content-addressed: an image id never changes its bytes, so browsers may keep it.
            http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            return TypedResults.File(png, "image/png", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha[..32]}\""));
        }
        catch (Exception e) when (e is ProjectAccessDeniedException or NotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    /// <summary>Upload endpoint for scripts and other clients; the browser UI uses the same service through its circuit.</summary>
    private static async Task<IResult> UploadAsync(
        int characterId, IFormFile file, ClaimsPrincipal user, CharacterService characters, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = file.OpenReadStream();
            var id = await characters.AddReferenceImageAsync(characterId, UserId(user), file.FileName, stream, cancellationToken);
            return TypedResults.Created($"/api/references/images/{id}", new { id });
        }
        catch (StudioInputException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The image was not accepted");
        }
        catch (ProjectAccessDeniedException e) when (e.IsMember)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is ProjectAccessDeniedException or NotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    internal static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed-in user without an id claim.");
}
