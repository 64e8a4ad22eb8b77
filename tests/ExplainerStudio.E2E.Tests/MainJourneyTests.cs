using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

public sealed partial class MainJourneyTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private const string DemoProjectName = "How AI video generation works";

    private const string Script =
        """
        # The question

        ## A robot asks
        The robot looks straight into the camera.

        ADA: Can a computer paint a whole film?

        ## The answer
        BOLT: It can, one frame at a time.

        ## Title card
        A title card reads *Diffusion*.

        # The method

        ## Noise
        Random noise fills the frame.
        """;

    [Fact]
    public Task FirstAccount_BuildsAStoryboardFromScratch_AndAReloadShowsTheSameState() =>
        studio.RunAsync(output, nameof(FirstAccount_BuildsAStoryboardFromScratch_AndAReloadShowsTheSameState), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);

            await DemoProjectIsVisibleWithLockedReferencesAsync(page);
            var projectPath = await CreateProjectAsync(page, "Robots explain diffusion");
            await CreateCharacterWithLockedReferenceAsync(page, projectPath, "Ada");
            await ImportScriptAsync(page, projectPath);

            var firstScene = page.GetByTestId("scene").First.Locator("[data-testid=shot] h3");
            await Expect(firstScene).ToHaveTextAsync(["A robot asks", "The answer", "Title card"]);

            var robotAsks = ShotCard(page, "A robot asks");
            await robotAsks.WaitForHandlersAsync();
            await robotAsks.FocusAsync();
            await page.Keyboard.PressAsync("Alt+ArrowRight");
            await Expect(firstScene).ToHaveTextAsync(["The answer", "A robot asks", "Title card"]);
            await Expect(ShotCard(page, "A robot asks")).ToBeFocusedAsync();

            // Alt+ArrowLeft is also the browser's Back: the storyboard cancels the key so the browser stays on the page.
            await page.EvaluateAsync(
                "() => window.addEventListener('keydown', e => { if (e.altKey) { window.lastAltArrowPrevented = e.defaultPrevented; } })");
            await page.Keyboard.PressAsync("Alt+ArrowLeft");
            await Expect(firstScene).ToHaveTextAsync(["A robot asks", "The answer", "Title card"]);
            await Expect(ShotCard(page, "A robot asks")).ToBeFocusedAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => window.lastAltArrowPrevented === true"));
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(projectPath) + "$"));

            await ShotCard(page, "Title card").FocusAsync();
            await page.Keyboard.PressAsync("Alt+ArrowLeft");
            await Expect(firstScene).ToHaveTextAsync(["A robot asks", "Title card", "The answer"]);
            await Expect(ShotCard(page, "Title card")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("shot-editor-title")).ToHaveTextAsync("Shot: Title card");

            // Real pointer moves, as a user drags: MudBlazor's drop zones follow the pointer step by step.
            await page.DragWithMouseAsync(ShotCard(page, "A robot asks"), ShotCard(page, "The answer"), after: true);
            await Expect(firstScene).ToHaveTextAsync(["Title card", "The answer", "A robot asks"]);
            await page.DragWithMouseAsync(ShotCard(page, "The answer"), ShotCard(page, "A robot asks"), after: true);
            await Expect(firstScene).ToHaveTextAsync(["Title card", "A robot asks", "The answer"]);

            await page.Locator("#shot-title").FillAsync("Title: Diffusion");
            await page.Locator("#save-shot").ClickAsync();
            await Expect(firstScene).ToHaveTextAsync(["Title: Diffusion", "A robot asks", "The answer"]);

            await page.ReloadInteractiveAsync();
            await Expect(page.GetByTestId("project-title")).ToHaveTextAsync("Robots explain diffusion");
            await Expect(page.GetByTestId("scene").Locator("h2")).ToHaveTextAsync(["1. The question", "2. The method"]);
            await Expect(firstScene).ToHaveTextAsync(["Title: Diffusion", "A robot asks", "The answer"]);
            await Expect(page.GetByTestId("scene").Nth(1).Locator("[data-testid=shot] h3")).ToHaveTextAsync(["Noise"]);
            await Expect(page.GetByTestId("shot-editor-title")).ToHaveTextAsync("Shot: Title: Diffusion");
            await Expect(page.Locator("#shot-title")).ToHaveValueAsync("Title: Diffusion");
            await Expect(ShotCard(page, "A robot asks")).ToContainTextAsync("Ada");
            await Expect(ShotCard(page, "A robot asks")).Not.ToContainTextAsync("no locked reference");
            await Expect(ShotCard(page, "The answer")).ToContainTextAsync("no locked reference");

            await page.GotoInteractiveAsync(projectPath + "/characters");
            await Expect(CharacterCard(page, "Ada").Locator(".studio-lock")).ToHaveTextAsync(new Regex("refs v1"));
            await Expect(CharacterCard(page, "Bolt").Locator(".studio-stale")).ToContainTextAsync("no locked references");
        });

    private static async Task DemoProjectIsVisibleWithLockedReferencesAsync(IPage page)
    {
        var demo = page.GetByTestId("project-card").Filter(new() { HasText = DemoProjectName });
        await Expect(demo).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await demo.ClickAsync();

        await Expect(page.GetByTestId("project-title")).ToHaveTextAsync(DemoProjectName);
        await Expect(page.GetByTestId("scene").First).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("scene").CountAsync() >= 2, "The demo project should have several scenes.");
        Assert.True(await page.GetByTestId("shot").CountAsync() >= 4, "The demo project should have several shots.");
        await Expect(page.GetByText("no locked reference")).ToHaveCountAsync(0);

        // The editor opens below all scenes; opening the last shot must bring it into view.
        await page.GetByTestId("shot").Last.ClickAsync();
        await Expect(page.GetByTestId("shot-editor-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#shot-title")).ToBeInViewportAsync();

        await page.Locator(".studio-page-head").GetByRole(AriaRole.Link, new() { Name = "Characters" }).ClickAsync();
        var characters = page.GetByTestId("character-card");
        await Expect(characters).ToHaveCountAsync(2);
        await Expect(characters.Locator(".studio-lock")).ToHaveCountAsync(2);
        await Expect(characters.Locator("img.studio-avatar")).ToHaveCountAsync(2);
    }

    private static async Task<string> CreateProjectAsync(IPage page, string name)
    {
        await page.GotoInteractiveAsync("");
        await page.Locator("#new-project").ClickInteractiveAsync();
        await page.Locator("#project-name").FillAsync(name);
        await page.Locator("#create-project").ClickAsync();
        await Expect(page.GetByTestId("project-title")).ToHaveTextAsync(name);
        await Expect(page).ToHaveURLAsync(ProjectUrl());
        return new Uri(page.Url).AbsolutePath;
    }

    private static async Task CreateCharacterWithLockedReferenceAsync(IPage page, string projectPath, string name)
    {
        await page.GotoInteractiveAsync(projectPath + "/characters");
        await page.Locator("#new-character").ClickInteractiveAsync();
        await page.Locator("#character-name").FillAsync(name);
        await page.Locator("#create-character").ClickAsync();
        await Expect(page.GetByTestId("character-title")).ToHaveTextAsync(name);

        await page.Locator("#start-version").ClickAsync();
        await page.UploadAsync(StudioSelectors.ReferenceUpload, new FilePayload
        {
            Name = "ada-front.png",
            MimeType = "image/png",
            Buffer = TestImages.Figure(40),
        });
        var set = page.GetByTestId("reference-set");
        await Expect(set.GetByTestId("reference-image")).ToHaveCountAsync(1);
        await Expect(set.GetByTestId("reference-image").Locator("img")).ToHaveJSPropertyAsync("complete", true);
        await Expect(set.GetByTestId("reference-image")).ToContainTextAsync("ada-front.png");

        await page.Locator("#lock-set").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Lock version 1 with 1 image?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Lock", Exact = true }).ClickAsync();

        await Expect(page.Locator("[data-testid=reference-set][data-locked=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#reference-upload")).ToHaveCountAsync(0);
        await Expect(page.GetByText("current references: v1")).ToBeVisibleAsync();
    }

    private static async Task ImportScriptAsync(IPage page, string projectPath)
    {
        await page.GotoInteractiveAsync(projectPath + "/import");
        await page.Locator("#script-text").FillAsync(Script);
        await page.Locator("#preview-import").ClickAsync();

        var preview = page.GetByTestId("import-preview");
        await Expect(preview).ToContainTextAsync("2 scenes, 4 shots, 2 dialogue lines, and characters Bolt.");
        await Expect(preview.GetByTestId("import-shot-title")).ToHaveTextAsync(["A robot asks", "The answer", "Title card", "Noise"]);
        await Expect(preview.GetByTestId("line-text")).ToHaveTextAsync(["Can a computer paint a whole film?", "It can, one frame at a time."]);

        await page.Locator("#confirm-import").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(projectPath) + "$"));
        await Expect(page.GetByTestId("shot")).ToHaveCountAsync(4);
    }

    private static ILocator ShotCard(IPage page, string title) =>
        page.GetByTestId("shot").Filter(new() { Has = page.Locator("h3", new() { HasTextString = title }) });

    private static ILocator CharacterCard(IPage page, string name) =>
        page.GetByTestId("character-card").Filter(new() { Has = page.Locator("h2", new() { HasTextString = name }) });

    [GeneratedRegex(@"/projects/\d+$")]
    private static partial Regex ProjectUrl();
}
