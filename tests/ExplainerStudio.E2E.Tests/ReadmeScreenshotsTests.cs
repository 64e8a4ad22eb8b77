using ExplainerStudio.E2E.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>
/// The README's storyboard pictures, made the way a new user gets there: the demo project, Generate all, every card
/// showing its keyframe, in the light and then the dark palette. The pictures land in readme/ beside the test
/// assembly; copying them over docs/storyboard-light.png and docs/storyboard-dark.png refreshes the README.
/// </summary>
public sealed class ReadmeScreenshotsTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "readme");

    [Fact]
    public Task TheDemoStoryboard_AfterGenerateAll_ShowsEveryKeyframe_InBothPalettes() =>
        studio.RunAsync(output, nameof(TheDemoStoryboard_AfterGenerateAll_ShowsEveryKeyframe_InBothPalettes), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.GotoInteractiveAsync("");
            await page.GetByTestId("project-card").First.ClickAsync();
            await Expect(page.GetByTestId("project-title")).ToBeVisibleAsync();
            await page.WaitForInteractiveAsync();
            var shots = await page.GetByTestId("shot").CountAsync();
            Assert.True(shots >= 8, $"The demo project should have its 8 shots; the storyboard shows {shots}.");

            await page.Locator("#generate-project").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"Queued {shots} shots" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("shot-keyframe")).ToHaveCountAsync(shots, new() { Timeout = 600_000 });
            // The posters fetched, not just their elements present: a screenshot of half-loaded pictures would mislead.
            await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            await page.Locator(".mud-snackbar").Filter(new() { HasText = "Queued" }).WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached, Timeout = 30_000 });
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "storyboard-light.png") });

            await page.Locator("#theme-toggle").ClickInteractiveAsync();
            await page.WaitForFunctionAsync(StudioShellTests.BackgroundLuminanceScript.Replace("return (", "return 0.3 > (", StringComparison.Ordinal));
            // Away from the toggle, so its tooltip is not in the picture.
            await page.Mouse.MoveAsync(700, 880);
            await page.GetByRole(Microsoft.Playwright.AriaRole.Tooltip).WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Hidden });
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "storyboard-dark.png") });
            Assert.True(new FileInfo(Path.Combine(Folder, "storyboard-dark.png")).Length > 50_000, "The dark screenshot is nearly empty.");
        });
}
