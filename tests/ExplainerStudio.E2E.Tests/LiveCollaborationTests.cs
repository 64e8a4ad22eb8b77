using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>
/// Several members in their own browser contexts on one project: edits appear live in the others' pages, an unsaved
/// edit is never overwritten by a remote one, presence shows who is where, and a removed member is cut off at once.
/// </summary>
public sealed class LiveCollaborationTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "live-collaboration");

    [Fact]
    public Task TitleEdit_AppearsLiveInTheOtherContexts_AndPresenceShowsAndClears() =>
        studio.RunAsync(output, nameof(TitleEdit_AppearsLiveInTheOtherContexts_AndPresenceShowsAndClears), async session =>
        {
            var (owner, project) = await OwnerWithProjectAsync(session);
            var ada = await MemberAsync(session, project, "Ada Lovelace", ProjectRole.Editor);
            var bob = await MemberAsync(session, project, "Bob Viewer", ProjectRole.Viewer);
            await owner.GotoInteractiveAsync(project.Path);
            await bob.GotoInteractiveAsync(project.Path);
            await ada.GotoInteractiveAsync($"{project.Path}/shots/{project.ShotId}");

            await Expect(owner.GetByTestId("presence-member").Filter(new() { HasText = "Ada Lovelace" })).ToContainTextAsync("on 'Opening'");
            await Expect(owner.GetByTestId("presence-member").Filter(new() { HasText = "Bob Viewer" })).ToContainTextAsync("on the storyboard");
            await owner.GetByTestId("shot").Filter(new() { HasText = "Opening" }).ClickInteractiveAsync();
            await Expect(ada.GetByTestId("shot-presence")).ToHaveTextAsync("Olivia Owner is editing this shot");
            await Expect(owner.GetByTestId("shot-presence")).ToHaveTextAsync("Ada Lovelace is editing this shot");
            await ScreenshotAsync(owner, "presence-owner");

            await ada.Locator("#shot-title").FillAsync("Opening, retitled live");
            await ada.Locator("#save-shot").ClickAsync();
            await Expect(ada.Locator(".mud-snackbar").Filter(new() { HasText = "Shot saved" })).ToBeVisibleAsync();

            // No reload: the owner's open editor and both storyboards show Ada's title.
            await Expect(owner.GetByTestId("shot-editor-title")).ToHaveTextAsync("Shot: Opening, retitled live");
            await Expect(owner.GetByTestId("shot").Filter(new() { HasText = "Opening, retitled live" })).ToHaveCountAsync(1);
            await Expect(bob.GetByTestId("shot").Filter(new() { HasText = "Opening, retitled live" })).ToHaveCountAsync(1);
            await ScreenshotAsync(bob, "title-live-bob");

            await ada.Context.CloseAsync();
            await Expect(owner.GetByTestId("shot-presence")).ToHaveCountAsync(0);
            await owner.Locator("#close-shot").ClickAsync();
            await Expect(owner.GetByTestId("presence-member").Filter(new() { HasText = "Ada Lovelace" })).ToHaveCountAsync(0);
            await Expect(owner.GetByTestId("presence-member").Filter(new() { HasText = "Bob Viewer" })).ToHaveCountAsync(1);
        });

    [Fact]
    public Task UnsavedEdit_MeetsARemoteChange_TheUserIsToldAndChooses() =>
        studio.RunAsync(output, nameof(UnsavedEdit_MeetsARemoteChange_TheUserIsToldAndChooses), async session =>
        {
            var (owner, project) = await OwnerWithProjectAsync(session);
            var ada = await MemberAsync(session, project, "Ada Lovelace", ProjectRole.Editor);
            var shotPath = $"{project.Path}/shots/{project.ShotId}";
            await owner.GotoInteractiveAsync(shotPath);
            await ada.GotoInteractiveAsync(shotPath);

            await owner.Locator("#shot-prompt").FillAsync("The owner's prompt, not saved yet");
            await owner.Locator("#shot-prompt").PressAsync("Tab");
            await Expect(owner.GetByTestId("save-state")).ToHaveTextAsync("unsaved changes");
            await ada.Locator("#shot-title").FillAsync("Ada's title");
            await ada.Locator("#save-shot").ClickAsync();
            await Expect(ada.Locator(".mud-snackbar").Filter(new() { HasText = "Shot saved" })).ToBeVisibleAsync();

            var notice = owner.GetByTestId("remote-change-notice");
            await Expect(notice).ToContainTextAsync("Ada Lovelace changed the title of shot 'Ada's title' while you were editing");
            var title = notice.Locator("[data-testid=compare-row][data-field=Title]");
            await Expect(title.Locator("[data-side=mine]")).ToHaveTextAsync("Opening");
            await Expect(title.Locator("[data-side=theirs]")).ToHaveTextAsync("Ada's title");
            await Expect(notice.Locator("[data-testid=compare-row][data-field=Prompt] [data-side=mine]")).ToHaveTextAsync("The owner's prompt, not saved yet");
            await Expect(owner.Locator("#shot-prompt")).ToHaveValueAsync("The owner's prompt, not saved yet");
            await notice.ScrollIntoViewIfNeededAsync();
            await ScreenshotAsync(owner, "remote-change-notice");

            // Saving before choosing is refused: Ada's save stays.
            await owner.Locator("#save-shot").ClickAsync();
            await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "Edit conflict" })).ToBeVisibleAsync();
            Assert.Equal("Ada's title", (await ShotAsync(project)).Title);

            await notice.Locator("#remote-keep-mine").ClickAsync();
            await Expect(notice).ToHaveCountAsync(0);
            await owner.Locator("#save-shot").ClickAsync();
            await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "Shot saved" })).ToBeVisibleAsync();
            var saved = await ShotAsync(project);
            Assert.Equal(("Opening", "The owner's prompt, not saved yet"), (saved.Title, saved.Prompt));
            // Ada's editor had nothing unsaved, so it simply shows the owner's version now.
            await Expect(ada.Locator("#shot-prompt")).ToHaveValueAsync("The owner's prompt, not saved yet");

            await ada.Locator("#shot-prompt").FillAsync("Ada's second thought");
            await ada.Locator("#shot-prompt").PressAsync("Tab");
            await owner.Locator("#shot-title").FillAsync("The owner's last word");
            await owner.Locator("#save-shot").ClickAsync();
            var adaNotice = ada.GetByTestId("remote-change-notice");
            await Expect(adaNotice).ToContainTextAsync("Olivia Owner changed the title");
            await adaNotice.Locator("#remote-take-theirs").ClickAsync();
            await Expect(ada.Locator("#shot-title")).ToHaveValueAsync("The owner's last word");
            await Expect(ada.Locator("#shot-prompt")).ToHaveValueAsync("The owner's prompt, not saved yet");
            await Expect(ada.GetByTestId("remote-change-notice")).ToHaveCountAsync(0);
        });

    [Fact]
    public Task RemovingAMember_CutsOffTheirHubConnectionAndCircuit() =>
        studio.RunAsync(output, nameof(RemovingAMember_CutsOffTheirHubConnectionAndCircuit), async session =>
        {
            var (owner, project) = await OwnerWithProjectAsync(session);
            var ada = await MemberAsync(session, project, "Ada Lovelace", ProjectRole.Editor);
            var bob = await MemberAsync(session, project, "Bob Removed", ProjectRole.Editor);
            await ada.GotoInteractiveAsync(project.Path);
            await bob.GotoInteractiveAsync(project.Path);
            await ListenOnHubAsync(bob, project.Id);
            await Expect(bob.GetByTestId("presence-member").Filter(new() { HasText = "Ada Lovelace" })).ToHaveCountAsync(1);

            await owner.GotoInteractiveAsync(project.Path + "/members");
            await owner.GetByRole(AriaRole.Button, new() { Name = "Remove Bob Removed from the project" }).ClickInteractiveAsync();
            await owner.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();

            await Expect(bob.GetByTestId("removed-from-project")).ToContainTextAsync("You were removed from this project by Olivia Owner");
            await Expect(bob.GetByTestId("shot")).ToHaveCountAsync(0);
            await Expect(ada.GetByTestId("presence-member").Filter(new() { HasText = "Bob Removed" })).ToHaveCountAsync(0);
            await bob.WaitForFunctionAsync("() => window.__hubEvents.some(e => e.kind === 'change' && e.changeKind === 9)");
            var hubEventsAtRemoval = await bob.EvaluateAsync<int>("window.__hubEvents.length");

            // The owner goes on editing: Ada sees it live, Bob's circuit and hub connection get nothing more.
            await Rename(project, "Renamed after Bob left");
            await Expect(ada.GetByTestId("shot").Filter(new() { HasText = "Renamed after Bob left" })).ToHaveCountAsync(1);
            await Expect(bob.GetByText("Renamed after Bob left")).ToHaveCountAsync(0);
            Assert.Equal("Connected", await bob.EvaluateAsync<string>("window.__hub.state"));
            Assert.Equal(hubEventsAtRemoval, await bob.EvaluateAsync<int>("window.__hubEvents.length"));
            await ScreenshotAsync(bob, "removed-member");
        });

    private async Task<(IPage Owner, OwnedProject Project)> OwnerWithProjectAsync(BrowserSession session)
    {
        var owner = await studio.SignInOwnerAsync(session);
        using var scope = studio.Services.CreateScope();
        var ownerId = (await scope.ServiceProvider.GetRequiredService<UserManager<StudioUser>>().FindByEmailAsync(StudioFixture.Owner.Email))!.Id;
        var storyboards = studio.Services.GetRequiredService<StoryboardService>();
        var projectId = await storyboards.CreateProjectAsync(ownerId, "Live " + Guid.NewGuid().ToString("N")[..6], "");
        var sceneId = await storyboards.AddSceneAsync(projectId, ownerId, "Scene 1");
        var shotId = await storyboards.AddShotAsync(sceneId, ownerId, "Opening");
        await storyboards.AddShotAsync(sceneId, ownerId, "Second");
        return (owner, new OwnedProject(projectId, shotId, ownerId));
    }

    private async Task<IPage> MemberAsync(BrowserSession session, OwnedProject project, string name, ProjectRole role)
    {
        var page = await session.NewPageAsync();
        var account = new TestAccount(name, $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@studio.test", "member-pass-1234");
        await StudioAccounts.RegisterAsync(page, account);
        await studio.Services.GetRequiredService<MembershipService>().AddAsync(project.Id, project.OwnerId, account.Email, role);
        return page;
    }

    private async Task<ShotView> ShotAsync(OwnedProject project) =>
        (await studio.Services.GetRequiredService<StoryboardService>().GetStoryboardAsync(project.Id, project.OwnerId)).FindShot(project.ShotId)!;

    private async Task Rename(OwnedProject project, string title)
    {
        var shot = await ShotAsync(project);
        await studio.Services.GetRequiredService<StoryboardService>().UpdateShotAsync(new ShotEdit(
            shot.Id, shot.Version, title, shot.Description, shot.Prompt, shot.NegativePrompt, shot.CameraMove, shot.DurationSeconds,
            shot.Seed, shot.Steps, shot.Guidance, shot.ReferenceStrength, [], []), project.OwnerId);
    }

    /// <summary>Opens the render hub from the page with the npm SignalR client, as another tool would, and records every event.</summary>
    private static async Task ListenOnHubAsync(IPage page, int projectId)
    {
        await page.EvaluateAsync($$"""
            async () => {
                await new Promise((resolve, reject) => {
                    const script = document.createElement('script');
                    script.src = '/lib/signalr/signalr.min.js';
                    script.onload = resolve;
                    script.onerror = reject;
                    document.head.appendChild(script);
                });
                window.__hubEvents = [];
                const hub = new signalR.HubConnectionBuilder().withUrl('/hubs/render').build();
                hub.on('change', c => window.__hubEvents.push({ kind: 'change', changeKind: c.kind, summary: c.summary }));
                hub.on('progress', e => window.__hubEvents.push({ kind: 'progress', jobId: e.jobId }));
                await hub.start();
                await hub.invoke('JoinProject', {{projectId}});
                window.__hub = hub;
            }
            """);
    }

    /// <summary>
    /// A screenshot of what the viewport shows, not the full page: a full-page capture resizes the viewport for a
    /// moment, MudBlazor re-lays the page out on the resize, and a click right after it was seen to land on nothing.
    /// </summary>
    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var path = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine("Screenshot: " + path);
    }

    private sealed record OwnedProject(int Id, int ShotId, string OwnerId)
    {
        public string Path => $"projects/{Id}";
    }
}
