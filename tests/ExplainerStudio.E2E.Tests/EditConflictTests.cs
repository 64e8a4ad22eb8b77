using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Timeline;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>
/// Two members edit the same character and the same timeline cut in their own browser contexts: the one with unsaved
/// edits is told who changed what, sees both versions, and chooses; nothing is overwritten silently, and a page with
/// nothing unsaved simply shows the other's save.
/// </summary>
public sealed class EditConflictTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "edit-conflicts");

    [Fact]
    public Task UnsavedCharacterEdit_MeetsARemoteSave_TheUserSeesBothAndChooses() =>
        studio.RunAsync(output, nameof(UnsavedCharacterEdit_MeetsARemoteSave_TheUserSeesBothAndChooses), async session =>
        {
            var (owner, project) = await OwnerWithProjectAsync(session);
            var characterId = await studio.Services.GetRequiredService<CharacterService>().CreateAsync(project.Id, project.OwnerId, "Pixel", "A small robot");
            var ada = await MemberAsync(session, project, "Ada Lovelace");
            var path = $"{project.Path}/characters/{characterId}";
            await owner.GotoInteractiveAsync(path);
            await ada.GotoInteractiveAsync(path);

            await owner.Locator("#character-description").FillAsync("The owner's description, not saved yet");
            await owner.Locator("#character-description").PressAsync("Tab");
            await Expect(owner.GetByTestId("character-save-state")).ToHaveTextAsync("unsaved changes");
            await ada.Locator("#character-name").FillAsync("Pixel the Second");
            await ada.Locator("#save-character").ClickAsync();
            await Expect(ada.Locator(".mud-snackbar").Filter(new() { HasText = "Character saved" })).ToBeVisibleAsync();

            var notice = owner.GetByTestId("remote-change-notice");
            await Expect(notice).ToContainTextAsync("Ada Lovelace edited character 'Pixel the Second' while you were editing");
            var name = notice.Locator("[data-testid=compare-row][data-field=Name]");
            await Expect(name.Locator("[data-side=mine]")).ToHaveTextAsync("Pixel");
            await Expect(name.Locator("[data-side=theirs]")).ToHaveTextAsync("Pixel the Second");
            var description = notice.Locator("[data-testid=compare-row][data-field=Description]");
            await Expect(description.Locator("[data-side=mine]")).ToHaveTextAsync("The owner's description, not saved yet");
            await Expect(description.Locator("[data-side=theirs]")).ToHaveTextAsync("A small robot");
            await Expect(owner.Locator("#character-description")).ToHaveValueAsync("The owner's description, not saved yet");
            await Expect(owner.Locator("#character-name")).ToHaveValueAsync("Pixel");
            await ScreenshotAsync(owner, "character-conflict");

            // Saving before choosing is refused: Ada's name stays.
            await owner.Locator("#save-character").ClickAsync();
            await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "Edit conflict" })).ToBeVisibleAsync();
            Assert.Equal("Pixel the Second", (await CharacterAsync(project, characterId)).Name);

            await notice.Locator("#remote-keep-mine").ClickAsync();
            await Expect(notice).ToHaveCountAsync(0);
            await owner.Locator("#save-character").ClickAsync();
            await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "Character saved" })).ToBeVisibleAsync();
            var saved = await CharacterAsync(project, characterId);
            Assert.Equal(("Pixel", "The owner's description, not saved yet"), (saved.Name, saved.Description));
            // Ada had nothing unsaved, so her page simply shows the owner's version.
            await Expect(ada.Locator("#character-name")).ToHaveValueAsync("Pixel");
            await Expect(ada.Locator("#character-description")).ToHaveValueAsync("The owner's description, not saved yet");

            await ada.Locator("#character-description").FillAsync("Ada's second thought");
            await ada.Locator("#character-description").PressAsync("Tab");
            await owner.Locator("#character-name").FillAsync("Pixel Prime");
            await owner.Locator("#save-character").ClickAsync();
            var adaNotice = ada.GetByTestId("remote-change-notice");
            await Expect(adaNotice).ToContainTextAsync("Olivia Owner edited character 'Pixel Prime'");
            await adaNotice.Locator("#remote-take-theirs").ClickAsync();
            await Expect(ada.Locator("#character-name")).ToHaveValueAsync("Pixel Prime");
            await Expect(ada.Locator("#character-description")).ToHaveValueAsync("The owner's description, not saved yet");
            await Expect(ada.GetByTestId("remote-change-notice")).ToHaveCountAsync(0);
            await Expect(ada.GetByTestId("character-save-state")).ToHaveTextAsync("");
        });

    [Fact]
    public Task UnsavedCutEdits_SurviveARemoteSave_AndTheOneItTouchedShowsBothVersions() =>
        studio.RunAsync(output, nameof(UnsavedCutEdits_SurviveARemoteSave_AndTheOneItTouchedShowsBothVersions), async session =>
        {
            var (owner, project) = await OwnerWithProjectAsync(session);
            var ada = await MemberAsync(session, project, "Ada Lovelace");
            var path = $"{project.Path}/timeline";
            await owner.GotoInteractiveAsync(path);
            await ada.GotoInteractiveAsync(path);

            await SetTrimInAsync(owner, project.ShotId, "0.5");
            await SetTrimInAsync(owner, project.SecondShotId, "0.2");
            await Expect(Cut(owner, project.ShotId)).ToHaveAttributeAsync("data-dirty", "true");
            await SetTrimInAsync(ada, project.ShotId, "0.3");
            await Cut(ada, project.ShotId).GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(ada.Locator(".mud-snackbar").Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();

            var notice = owner.Locator($"[data-testid=remote-change-notice][data-conflict='{project.ShotId}']");
            await Expect(notice).ToContainTextAsync("Ada Lovelace changed a cut on the timeline while you were editing the cut of 'Opening'");
            var trim = notice.Locator("[data-testid=compare-row][data-field='Trim in']");
            await Expect(trim.Locator("[data-side=mine]")).ToHaveTextAsync("0.5 s");
            await Expect(trim.Locator("[data-side=theirs]")).ToHaveTextAsync("0.3 s");
            // Both unsaved edits are still in the fields; the other cut has no conflict to show.
            await Expect(TrimIn(owner, project.ShotId)).ToHaveValueAsync("0.5");
            await Expect(TrimIn(owner, project.SecondShotId)).ToHaveValueAsync("0.2");
            await Expect(owner.GetByTestId("remote-change-notice")).ToHaveCountAsync(1);
            await notice.ScrollIntoViewIfNeededAsync();
            await ScreenshotAsync(owner, "cut-conflict");

            // Applying before choosing is refused: Ada's trim stays.
            await Cut(owner, project.ShotId).GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "Edit conflict" })).ToBeVisibleAsync();
            Assert.Equal(0.3, (await CutAsync(project, project.ShotId)).TrimInSeconds);

            await notice.GetByRole(AriaRole.Button, new() { Name = "Keep mine" }).ClickAsync();
            await Expect(notice).ToHaveCountAsync(0);
            await Cut(owner, project.ShotId).GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            // Clean once the service committed (the refusal's message, still shown, also says "not saved").
            await Expect(Cut(owner, project.ShotId)).ToHaveAttributeAsync("data-dirty", "false");
            Assert.Equal(0.5, (await CutAsync(project, project.ShotId)).TrimInSeconds);
            // Ada had nothing unsaved there, so her field shows the owner's trim; the owner's other edit is still unsaved.
            await Expect(TrimIn(ada, project.ShotId)).ToHaveValueAsync("0.5");
            await Expect(TrimIn(owner, project.SecondShotId)).ToHaveValueAsync("0.2");

            await SetTrimInAsync(ada, project.SecondShotId, "0.4");
            await Cut(ada, project.SecondShotId).GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            var second = owner.Locator($"[data-testid=remote-change-notice][data-conflict='{project.SecondShotId}']");
            await Expect(second).ToContainTextAsync("the cut of 'Second'");
            await second.GetByRole(AriaRole.Button, new() { Name = "Take Ada Lovelace's version" }).ClickAsync();
            await Expect(TrimIn(owner, project.SecondShotId)).ToHaveValueAsync("0.4");
            await Expect(Cut(owner, project.SecondShotId)).ToHaveAttributeAsync("data-dirty", "false");
            await Expect(owner.GetByTestId("remote-change-notice")).ToHaveCountAsync(0);
        });

    private static ILocator Cut(IPage page, int shotId) => page.Locator($"[data-testid=timeline-cuts] tr[data-shot-id='{shotId}']");

    // MudNumericField puts the label on its input or on the wrapper around it, depending on the version.
    private static ILocator TrimIn(IPage page, int shotId) =>
        Cut(page, shotId).Locator("input[aria-label='Trim in'], [aria-label='Trim in'] input").First;

    private static async Task SetTrimInAsync(IPage page, int shotId, string seconds)
    {
        await TrimIn(page, shotId).FillAsync(seconds);
        await TrimIn(page, shotId).PressAsync("Tab");
        await Expect(Cut(page, shotId)).ToHaveAttributeAsync("data-dirty", "true");
    }

    private async Task<(IPage Owner, OwnedProject Project)> OwnerWithProjectAsync(BrowserSession session)
    {
        var owner = await studio.SignInOwnerAsync(session);
        using var scope = studio.Services.CreateScope();
        var ownerId = (await scope.ServiceProvider.GetRequiredService<UserManager<StudioUser>>().FindByEmailAsync(StudioFixture.Owner.Email))!.Id;
        var storyboards = studio.Services.GetRequiredService<StoryboardService>();
        var projectId = await storyboards.CreateProjectAsync(ownerId, "Conflicts " + Guid.NewGuid().ToString("N")[..6], "");
        var sceneId = await storyboards.AddSceneAsync(projectId, ownerId, "Scene 1");
        var shotId = await storyboards.AddShotAsync(sceneId, ownerId, "Opening");
        var secondShotId = await storyboards.AddShotAsync(sceneId, ownerId, "Second");
        return (owner, new OwnedProject(projectId, shotId, secondShotId, ownerId));
    }

    private async Task<IPage> MemberAsync(BrowserSession session, OwnedProject project, string name)
    {
        var page = await session.NewPageAsync();
        var account = new TestAccount(name, $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@studio.test", "member-pass-1234");
        await StudioAccounts.RegisterAsync(page, account);
        await studio.Services.GetRequiredService<MembershipService>().AddAsync(project.Id, project.OwnerId, account.Email, ProjectRole.Editor);
        return page;
    }

    private Task<CharacterDetail> CharacterAsync(OwnedProject project, int characterId) =>
        studio.Services.GetRequiredService<CharacterService>().GetAsync(characterId, project.OwnerId);

    private async Task<TimelineCutEdit> CutAsync(OwnedProject project, int shotId) =>
        (await studio.Services.GetRequiredService<TimelineService>().GetAsync(project.Id, project.OwnerId)).Shots.Single(s => s.ShotId == shotId).Cut;

    /// <summary>What the viewport shows: a full-page capture resizes the viewport and MudBlazor re-lays the page out.</summary>
    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine("Screenshot: " + path);
    }

    private sealed record OwnedProject(int Id, int ShotId, int SecondShotId, string OwnerId)
    {
        public string Path => $"projects/{Id}";
    }
}
