using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Components.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>axe-core over the main pages, in both palettes: no serious or critical violation.</summary>
public sealed class AccessibilityTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public Task MainPages_HaveNoSeriousOrCriticalAxeViolations(string palette) =>
        studio.RunAsync(output, nameof(MainPages_HaveNoSeriousOrCriticalAxeViolations) + "_" + palette, async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            // The palette is the saved choice (the cookie the theme toggle writes), read while the page is prerendered.
            await page.Context.AddCookiesAsync([new Cookie { Name = StudioTheme.CookieName, Value = palette, Url = studio.BaseAddress.ToString() }]);
            await page.GotoInteractiveAsync("");
            var projectPath = "/" + await page.GetByTestId("project-card").First.GetAttributeAsync("href");
            var problems = new List<string>();

            var signIn = await session.NewPageAsync();
            await signIn.Context.AddCookiesAsync([new Cookie { Name = StudioTheme.CookieName, Value = palette, Url = studio.BaseAddress.ToString() }]);
            await signIn.GotoAsync("Account/Login");
            await CheckAsync(signIn, palette, "sign-in", problems);

            await CheckAsync(page, palette, "projects", problems);
            foreach (var (path, name) in new[]
            {
                (projectPath, "storyboard"), (projectPath + "/characters", "characters"), (projectPath + "/timeline", "timeline"),
                (projectPath + "/exports", "export"), ("/queue", "queue"), (projectPath + "/members", "members"),
            })
            {
                await page.GotoInteractiveAsync(path);
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                await CheckAsync(page, palette, name, problems);
            }

            await page.GotoInteractiveAsync(projectPath);
            await page.GetByTestId("shot").First.ClickAsync();
            await Expect(page.GetByTestId("shot-editor-title")).ToBeVisibleAsync();
            await CheckAsync(page, palette, "shot editor", problems);

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        });

    private static async Task CheckAsync(IPage page, string palette, string name, List<string> problems)
    {
        // A check that silently ran on the other palette would prove nothing.
        var luminance = await page.EvaluateAsync<double>(StudioShellTests.BackgroundLuminanceScript);
        Assert.True(palette == "dark" ? luminance < 0.3 : luminance > 0.6, $"{name}: the page is not in the {palette} palette (background luminance {luminance:0.00}).");
        var results = await page.RunAxe();
        foreach (var violation in results.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
            problems.Add($"{palette} {name}: {violation.Impact} {violation.Id} ({violation.Help}) at {targets}");
        }
    }
}
