using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed class RoleAwareUiTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private static readonly TestAccount Viewer = new("Vera Viewer", "viewer@studio.test", "viewer-pass-1234");

    [Fact]
    public Task AViewer_SeesNoEditGenerateOrExportControls() =>
        studio.RunAsync(output, nameof(AViewer_SeesNoEditGenerateOrExportControls), async session =>
        {
            var owner = await studio.SignInOwnerAsync(session);
            var viewer = await session.NewPageAsync();
            await StudioAccounts.RegisterAsync(viewer, Viewer);

            await owner.GotoInteractiveAsync("");
            var projectPath = "/" + await owner.GetByTestId("project-card").First.GetAttributeAsync("href");
            await owner.GotoInteractiveAsync(projectPath + "/members");
            await owner.Locator("#member-email").FillAsync(Viewer.Email);
            await owner.Locator(".studio-form-card .mud-select").First.ClickAsync();
            await owner.GetByRole(AriaRole.Option, new() { Name = "Viewer", Exact = true }).ClickAsync();
            await owner.Locator("#add-member").ClickAsync();
            await Expect(owner.GetByTestId("members")).ToContainTextAsync(Viewer.Email);

            await viewer.GotoInteractiveAsync(projectPath);
            await Expect(viewer.GetByTestId("project-title")).ToBeVisibleAsync();
            await Expect(viewer.GetByTestId("shot").First).ToBeVisibleAsync();
            foreach (var control in new[] { "#add-scene", "#generate-project", "#open-exports", "[data-testid=generate-shot]", "[data-testid=add-shot]", "[data-testid=generate-scene]" })
            {
                await Expect(viewer.Locator(control)).ToHaveCountAsync(0);
            }
            var navigation = viewer.GetByRole(AriaRole.Navigation);
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Timeline" })).ToBeVisibleAsync();
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Export" })).ToHaveCountAsync(0);
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Import script" })).ToHaveCountAsync(0);

            await viewer.GetByTestId("shot").First.ClickAsync();
            await Expect(viewer.GetByTestId("shot-editor-title")).ToBeVisibleAsync();
            foreach (var control in new[] { "#save-shot", "#delete-shot", "#duplicate-shot", "#generate-shot" })
            {
                await Expect(viewer.Locator(control)).ToHaveCountAsync(0);
            }
            await Expect(viewer.Locator("#shot-title")).ToHaveAttributeAsync("readonly", "");

            await viewer.GotoInteractiveAsync(projectPath + "/timeline");
            await Expect(viewer.GetByTestId("timeline-shot").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(viewer.Locator("#open-exports")).ToHaveCountAsync(0);
            await Expect(viewer.Locator("#start-preview")).ToHaveCountAsync(0);
            await Expect(viewer.Locator("input[type=file]")).ToHaveCountAsync(0);

            await viewer.GotoInteractiveAsync(projectPath + "/exports");
            await Expect(viewer.Locator("#start-export")).ToHaveCountAsync(0);
        });
}
