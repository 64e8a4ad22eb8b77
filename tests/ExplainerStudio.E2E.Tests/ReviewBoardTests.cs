using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Demo;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed class ReviewBoardTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private const int RenderMilliseconds = 120_000;

    /// <summary>Where the review board's screenshots are kept for a person to look at (beside the test binaries).</summary>
    private static readonly string Screens = Path.Combine(AppContext.BaseDirectory, "e2e-screens");

    [Fact]
    public Task FlaggedShot_RegeneratesWithStrongerReferences_TheNewTakeIsScoredBesideTheOld_AndCanBeSelected() =>
        studio.RunAsync(output, nameof(FlaggedShot_RegeneratesWithStrongerReferences_TheNewTakeIsScoredBesideTheOld_AndCanBeSelected), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            var (projectId, shotId, firstTakeId) = await RenderedProjectAsync();
            Directory.CreateDirectory(Screens);

            await page.GotoInteractiveAsync($"projects/{projectId}/review");
            var row = page.Locator($"[data-testid=review-row][data-shot-id='{shotId}']");
            await Expect(row).ToHaveAttributeAsync("data-state", "Drifted");
            await Expect(row.GetByTestId("review-take")).ToHaveCountAsync(1);
            await Expect(row.GetByTestId("review-character").First.Locator("img").Nth(1)).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screens, "review-flagged.png"), FullPage = true });

            await row.GetByTestId("regenerate-stronger").ClickInteractiveAsync();
            await Expect(row).ToHaveAttributeAsync("data-state", "MarkedForRegeneration");
            // The new take arrives, and then its scores, with no reload: render progress and the change feed drive the page.
            var regenerated = row.GetByTestId("review-take").Nth(1);
            await Expect(regenerated).ToBeVisibleAsync(new() { Timeout = RenderMilliseconds });
            await Expect(regenerated.GetByTestId("character-drift").First).ToBeVisibleAsync(new() { Timeout = RenderMilliseconds });
            var newTakeId = await regenerated.GetAttributeAsync("data-take-id");
            Assert.NotEqual(firstTakeId.ToString(System.Globalization.CultureInfo.InvariantCulture), newTakeId);
            await Expect(regenerated).ToContainTextAsync("stronger references");
            await Expect(row.GetByTestId("review-take").First).ToHaveAttributeAsync("data-take-id", firstTakeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screens, "review-side-by-side.png"), FullPage = true });

            await regenerated.GetByTestId("use-take").ClickInteractiveAsync();
            await Expect(row.GetByTestId("review-take").First).ToHaveAttributeAsync("data-take-id", newTakeId!);
            await Expect(row.GetByTestId("review-take").First).ToContainTextAsync("on timeline");
            await using (var context = await studio.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync())
            {
                Assert.Equal(int.Parse(newTakeId!, System.Globalization.CultureInfo.InvariantCulture), (await context.Shots.SingleAsync(s => s.Id == shotId)).SelectedTakeId);
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screens, "review-selected.png"), FullPage = true });

            await page.GotoInteractiveAsync($"projects/{projectId}");
            await Expect(page.GetByTestId("drift-badge").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screens, "storyboard-badge.png") });
        });

    /// <summary>
    /// The demo project cut to one short, small shot, rendered and scored on the server, with a drift threshold this
    /// project sets low enough that its take counts as drifted (a project's own threshold, as the board's editor sets it).
    /// </summary>
    private async Task<(int ProjectId, int ShotId, int TakeId)> RenderedProjectAsync()
    {
        var services = studio.Services;
        var factory = services.GetRequiredService<IDbContextFactory<StudioDbContext>>();
        string ownerId;
        await using (var context = await factory.CreateDbContextAsync())
        {
            ownerId = await context.Users.Where(u => u.Email == StudioFixture.Owner.Email).Select(u => u.Id).SingleAsync();
        }
        var projectId = await services.GetRequiredService<DemoProjectSeeder>().CreateAsync(ownerId);
        int shotId;
        await using (var context = await factory.CreateDbContextAsync())
        {
            var project = await context.Projects.SingleAsync(p => p.Id == projectId);
            (project.Name, project.Width, project.Height, project.FrameRate) = ("Review board", 256, 144, 4);
            var shots = await context.Shots.Where(s => s.Scene!.ProjectId == projectId).OrderBy(s => s.Scene!.Position).ThenBy(s => s.Position).ToListAsync();
            context.Shots.RemoveRange(shots.Skip(1));
            (shots[0].DurationSeconds, shots[0].Steps) = (1, 6);
            await context.SaveChangesAsync();
            shotId = shots[0].Id;
        }
        var review = services.GetRequiredService<ReviewService>();
        await review.SetThresholdsAsync(projectId, drifted: 0.2, flickering: 0.2, seam: 0.7, ownerId);
        var jobId = await services.GetRequiredService<RenderQueue>().GenerateShotAsync(shotId, ownerId);
        var deadline = DateTime.UtcNow.AddMilliseconds(RenderMilliseconds);
        while (true)
        {
            await using (var context = await factory.CreateDbContextAsync())
            {
                var job = await context.RenderJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
                Assert.NotEqual(RenderJobStatus.Failed, job.Status);
                if (job.TakeId is { } takeId && await context.TakeScores.AnyAsync(s => s.TakeId == takeId))
                {
                    return (projectId, shotId, takeId);
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "The shot was not rendered and scored in time.");
            await Task.Delay(100);
        }
    }
}
