using System.Security.Claims;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// What every JSON/file endpoint shares: the caller's id, and one mapping of the studio's typed errors to HTTP
/// answers (non-members get 404 so a project's existence does not leak; members lacking the role get 403 with the
/// reason; refused input gets 400 with the message; an edit based on an outdated version gets 409).
/// </summary>
public static class StudioApi
{
    public static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Signed-in user without an id claim.");

    public static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
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
        catch (EditConflictException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else");
        }
        catch (StudioInputException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request was not accepted");
        }
    }
}
