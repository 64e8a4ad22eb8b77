using System.Globalization;
using System.Security.Claims;
using System.Text;
using ExplainerStudio.Web.Hosting;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// The review board's API and the consistency report's downloads. Authorised like every other file: members read,
/// editors act, non-members get 404.
/// </summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").RequireAuthorization();
        group.MapGet("/projects/{projectId:int}/review", (int projectId, ClaimsPrincipal user, ReviewService review, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.Ok(await review.GetBoardAsync(projectId, StudioApi.UserId(user), ct))));
        group.MapGet("/takes/{takeId:int}/scores", (int takeId, ClaimsPrincipal user, ReviewService review, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => await review.GetTakeScoreAsync(takeId, StudioApi.UserId(user), ct) is { } score
                ? Results.Ok(score)
                : Results.Problem("This take has not been scored yet; use Score now on the review board.", statusCode: StatusCodes.Status404NotFound)));
        group.MapPost("/takes/{takeId:int}/score", (int takeId, ClaimsPrincipal user, ReviewService review, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                await review.ScoreNowAsync(takeId, StudioApi.UserId(user), ct);
                return Results.Accepted($"/api/takes/{takeId}/scores");
            }));
        group.MapGet("/review/drift/{driftId:int}/worst-frame", (int driftId, ClaimsPrincipal user, ReviewService review, CancellationToken ct) =>
            StudioApi.GuardAsync(async () => Results.File(await review.GetWorstFrameAsync(driftId, StudioApi.UserId(user), ct), "image/png")));
        group.MapGet("/projects/{projectId:int}/review/report.{format}", (int projectId, string format, ClaimsPrincipal user, ConsistencyReportExporter reports, CancellationToken ct) =>
            StudioApi.GuardAsync(async () =>
            {
                var userId = StudioApi.UserId(user);
                var name = "consistency-report-" + projectId.ToString(CultureInfo.InvariantCulture);
                return format switch
                {
                    "html" => Results.File(Encoding.UTF8.GetBytes(await reports.HtmlAsync(projectId, userId, ct)), "text/html; charset=utf-8", name + ".html"),
                    "csv" => Results.File(Encoding.UTF8.GetBytes(await reports.CsvAsync(projectId, userId, ct)), "text/csv; charset=utf-8", name + ".csv"),
                    "json" => Results.File(Encoding.UTF8.GetBytes(await reports.JsonAsync(projectId, userId, ct)), "application/json; charset=utf-8", name + ".json"),
                    _ => Results.Problem("The report comes as report.html, report.csv or report.json.", statusCode: StatusCodes.Status404NotFound),
                };
            }));
        return endpoints;
    }
}
