using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>No edit is ever lost: saving from the keyboard, leaving with unsaved changes, generating, long text.</summary>
public sealed partial class EditorSafetyTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    [Fact]
    public Task CtrlS_InTheFocusedField_SavesWhatIsTyped_AndAReloadShowsIt() =>
        studio.RunAsync(output, nameof(CtrlS_InTheFocusedField_SavesWhatIsTyped_AndAReloadShowsIt), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await OpenDemoShotAsync(page, "Meet Ada and Pixel");

            var prompt = page.Locator("#shot-prompt");
            await prompt.ClickAsync();
            await page.Keyboard.PressAsync("Control+End");
            await page.Keyboard.TypeAsync(" Typed and never left the field.");
            await Expect(prompt).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Control+s");

            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Shot saved" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("save-state")).ToContainTextAsync("saved");
            await page.ReloadInteractiveAsync();
            await Expect(page.Locator("#shot-prompt")).ToHaveValueAsync(new Regex("Typed and never left the field\\.$"));
        });

    [Fact]
    public Task EscapeAndNavigation_WithUnsavedChanges_Ask_AndKeepEditingKeepsTheEdits() =>
        studio.RunAsync(output, nameof(EscapeAndNavigation_WithUnsavedChanges_Ask_AndKeepEditingKeepsTheEdits), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await OpenDemoShotAsync(page, "A video is many pictures");
            var shotUrl = page.Url;

            var title = page.Locator("#shot-title");
            await title.FillAsync("Many pictures, quickly");
            await page.Keyboard.PressAsync("Escape");
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("not saved yet");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(page.Locator("#shot-title")).ToHaveValueAsync("Many pictures, quickly");

            await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Characters" }).ClickAsync();
            await Expect(dialog).ToContainTextAsync("not saved yet");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(shotUrl);
            await Expect(page.Locator("#shot-title")).ToHaveValueAsync("Many pictures, quickly");

            await page.Locator("#close-shot").ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Discard changes" }).ClickAsync();
            await Expect(page.GetByTestId("shot-editor-title")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("shot").Filter(new() { HasText = "A video is many pictures" })).ToHaveCountAsync(1);
        });

    [Fact]
    public Task Generate_WithUnsavedChanges_OffersSaveAndGenerate_AndTheKeyframeAppearsOnTheStoryboard() =>
        studio.RunAsync(output, nameof(Generate_WithUnsavedChanges_OffersSaveAndGenerate_AndTheKeyframeAppearsOnTheStoryboard), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await OpenDemoShotAsync(page, "Start from noise");

            await page.Locator("#shot-title").FillAsync("Start from pure noise");
            await page.Locator("#generate-shot").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("Save your changes first");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save and generate" }).ClickAsync();

            await Expect(page.GetByTestId("shot-editor-title")).ToHaveTextAsync("Shot: Start from pure noise");
            var card = page.GetByTestId("shot").Filter(new() { Has = page.Locator("h3", new() { HasTextString = "Start from pure noise" }) });
            await Expect(card.GetByTestId("shot-keyframe")).ToHaveCountAsync(1, new() { Timeout = 180_000 });
            var poster = await card.Locator("video").GetAttributeAsync("poster");
            Assert.Matches(KeyframeUrl(), poster);
            var keyframe = await page.Context.APIRequest.GetAsync(poster!.TrimStart('/'));
            Assert.Equal(200, keyframe.Status);
            Assert.Equal("image/png", keyframe.Headers["content-type"]);
        });

    [Fact]
    public Task A20000CharacterDescription_SurvivesAReload() =>
        studio.RunAsync(output, nameof(A20000CharacterDescription_SurvivesAReload), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await OpenDemoShotAsync(page, "Words steer the picture");

            // Two bytes per character in UTF-8: 40 KB in one circuit message, past SignalR's 32 KB default.
            var description = string.Concat(Enumerable.Repeat("Überblendung é ", 20_000 / 15)).PadRight(20_000, 'ü');
            Assert.Equal(20_000, description.Length);
            await page.Locator("#shot-description").FillAsync(description);
            // Leave the field first: the change re-renders the Markdown preview, which moves the save button, and a
            // click whose mouse-up lands after that move would miss it. The counter shows when the circuit has it all.
            await page.Locator("#shot-description").PressAsync("Tab");
            await Expect(page.GetByText("20000 / 20000")).ToBeVisibleAsync();
            await page.Locator("#save-shot").ClickAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Shot saved" })).ToBeVisibleAsync();

            await page.ReloadInteractiveAsync();
            var saved = await page.Locator("#shot-description").InputValueAsync();
            Assert.Equal(description, saved);
        });

    [Fact]
    public Task QuickSearch_FindsADialogueLine_AndOpensItsShot() =>
        studio.RunAsync(output, nameof(QuickSearch_FindsADialogueLine_AndOpensItsShot), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await OpenDemoProjectAsync(page);

            await page.Keyboard.PressAsync("Control+k");
            await Expect(page.Locator("#quick-search")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("removes a little noise");
            var hit = page.GetByTestId("search-hit").Filter(new() { HasText = "A neural network removes a little noise" });
            await Expect(hit).ToBeVisibleAsync();
            await hit.ClickAsync();
            await Expect(page.GetByTestId("shot-editor-title")).ToHaveTextAsync("Shot: Denoising step by step");
        });

    private static async Task OpenDemoProjectAsync(IPage page)
    {
        await page.GotoInteractiveAsync("");
        await page.GetByTestId("project-card").First.ClickAsync();
        await Expect(page.GetByTestId("project-title")).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
    }

    private static async Task OpenDemoShotAsync(IPage page, string title)
    {
        await OpenDemoProjectAsync(page);
        var card = page.GetByTestId("shot").Filter(new() { Has = page.Locator("h3", new() { HasTextString = title }) });
        await card.WaitForHandlersAsync();
        await card.ClickAsync();
        await Expect(page.GetByTestId("shot-editor-title")).ToHaveTextAsync("Shot: " + title);
        await page.Locator("#shot-title").WaitForHandlersAsync();
    }

    [GeneratedRegex(@"^api/takes/\d+/keyframe$")]
    private static partial Regex KeyframeUrl();
}
