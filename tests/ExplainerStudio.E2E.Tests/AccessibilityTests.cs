using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>axe-core over the main pages, in both palettes: no serious or critical violation.</summary>
public sealed class AccessibilityTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    [Fact]
    public Task MainPages_HaveNoSeriousOrCriticalAxeViolations() =>
        studio.RunAsync(output, nameof(MainPages_HaveNoSeriousOrCriticalAxeViolations), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.GotoInteractiveAsync("");
            var projectPath = "/" + await page.GetByTestId("project-card").First.GetAttributeAsync("href");
            var problems = new List<string>();

            var signIn = await session.NewPageAsync();
            await signIn.GotoAsync("Account/Login");
            await CheckAsync(signIn, "sign-in", problems);

            await CheckAsync(page, "projects", problems);
            foreach (var (path, name) in new[]
            {
                (projectPath, "storyboard"), (projectPath + "/characters", "characters"), (projectPath + "/timeline", "timeline"),
                (projectPath + "/exports", "export"), ("/queue", "queue"), (projectPath + "/members", "members"),
            })
            {
                await page.GotoInteractiveAsync(path);
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                await CheckAsync(page, name, problems);
            }

            await page.GotoInteractiveAsync(projectPath);
            await page.GetByTestId("shot").First.ClickAsync();
            await Expect(page.GetByTestId("shot-editor-title")).ToBeVisibleAsync();
            await CheckAsync(page, "shot editor", problems);

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        });

    private static async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        var results = await page.RunAxe();
        foreach (var violation in results.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var targets = string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
            problems.Add($"{name}: {violation.Impact} {violation.Id} ({violation.Help}) at {targets}");
        }
    }
}
