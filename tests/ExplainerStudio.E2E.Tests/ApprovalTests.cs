using System.Globalization;
using System.Text.Json;
using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>
/// Three members in three browser contexts: an editor submits a shot for review, a reviewer approves it and the
/// editor's open storyboard shows it; a viewer gets no approval buttons and the server refuses their direct call; the
/// editor restores an earlier version of the shot; the activity page lists every step.
/// </summary>
public sealed class ApprovalTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private static readonly TestAccount Editor = new("Eddie Editor", "eddie@studio.test", "eddie-pass-1234");
    private static readonly TestAccount Reviewer = new("Rita Reviewer", "rita@studio.test", "rita-pass-12345");
    private static readonly TestAccount Viewer = new("Vic Viewer", "vic@studio.test", "vic-pass-123456");

    private static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "e2e-screens");

    [Fact]
    public Task AReviewerApproves_TheEditorSeesIt_AViewerCannot_AndTheLogListsEveryStep() =>
        studio.RunAsync(output, nameof(AReviewerApproves_TheEditorSeesIt_AViewerCannot_AndTheLogListsEveryStep), async session =>
        {
            var owner = await studio.SignInOwnerAsync(session);
            var editor = await session.NewPageAsync();
            var reviewer = await session.NewPageAsync();
            var viewer = await session.NewPageAsync();
            await StudioAccounts.RegisterAsync(editor, Editor);
            await StudioAccounts.RegisterAsync(reviewer, Reviewer);
            await StudioAccounts.RegisterAsync(viewer, Viewer);
            await owner.GotoInteractiveAsync("");
            var projectPath = "/" + await owner.GetByTestId("project-card").First.GetAttributeAsync("href");
            var projectId = int.Parse(projectPath.Split('/')[^1], CultureInfo.InvariantCulture);
            var (shotId, shotTitle, duration) = await AddMembersAndFindFirstShotAsync(projectId);
            var shotPath = $"{projectPath}/shots/{shotId}";
            Directory.CreateDirectory(ScreenshotFolder);

            // The editor renames the shot, then changes its duration: two versions in its history.
            await editor.GotoInteractiveAsync(shotPath);
            await editor.Locator("#shot-title").WaitForHandlersAsync();
            await editor.Locator("#shot-title").FillAsync(shotTitle + " (take two)");
            await editor.Locator("#save-shot").ClickAsync();
            // Each save re-opens the editor on the new version; wait for it before touching the new one.
            await Expect(editor.Locator("#shot-history-panel")).ToContainTextAsync("1 version");
            await editor.Locator("#shot-duration").WaitForHandlersAsync();
            await editor.Locator("#shot-duration").FillAsync("9");
            await editor.Locator("#shot-duration").PressAsync("Tab");
            await editor.Locator("#save-shot").ClickAsync();
            await Expect(editor.Locator("#shot-history-panel")).ToContainTextAsync("2 versions");
            await Expect(editor.Locator("#shot-duration")).ToHaveValueAsync("9.0");
            await Expect(editor.GetByTestId("approval-state")).ToHaveAttributeAsync("data-approval", "Draft");
            await editor.GetByTestId("approval-to-InReview").ClickInteractiveAsync();
            await Expect(editor.GetByTestId("approval-state")).ToHaveAttributeAsync("data-approval", "InReview");

            // The editor keeps the storyboard open while the reviewer decides.
            await editor.GotoInteractiveAsync(projectPath);
            var editorChip = editor.Locator($"[data-shot-card][data-shot-id='{shotId}'] [data-testid=approval-chip]");
            await Expect(editorChip).ToHaveAttributeAsync("data-approval", "InReview");

            await reviewer.GotoInteractiveAsync(shotPath);
            await Expect(reviewer.GetByTestId("approval-state")).ToHaveAttributeAsync("data-approval", "InReview");
            await Expect(reviewer.Locator("#save-shot")).ToHaveCountAsync(0);
            await Expect(reviewer.GetByTestId("approval-to-InReview")).ToHaveCountAsync(0);
            await reviewer.Locator("#approval-note").WaitForHandlersAsync();
            await reviewer.Locator("#approval-note").FillAsync("Timing works; approved.");
            await reviewer.Locator("#approval-note").PressAsync("Tab");
            await reviewer.GetByTestId("approval-to-Approved").ClickInteractiveAsync();
            await Expect(reviewer.GetByTestId("approval-state")).ToHaveAttributeAsync("data-approval", "Approved");
            await Expect(reviewer.GetByTestId("approval-who")).ToContainTextAsync($"Approved by {Reviewer.DisplayName}");
            await reviewer.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "approval-reviewer-approved.png"), FullPage = true });

            // Live: the editor's open storyboard shows the decision without a reload, and can filter by it.
            await Expect(editorChip).ToHaveAttributeAsync("data-approval", "Approved");
            await editor.GetByTestId("approval-filter-box").Locator(".mud-select").First.ClickAsync();
            await editor.GetByRole(AriaRole.Option, new() { Name = "Approved (1)" }).ClickAsync();
            await Expect(editor.GetByTestId("approval-filter-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1 of \\d+ shots$"));
            await Expect(editor.Locator("[data-shot-card]:visible")).ToHaveCountAsync(1);
            await Expect(editor.Locator("[data-shot-card]:visible")).ToHaveAttributeAsync("data-shot-id", shotId.ToString(CultureInfo.InvariantCulture));
            await editor.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "approval-editor-filtered.png"), FullPage = true });

            // A viewer sees the state but no decision to make, and a direct call is refused by the server.
            await viewer.GotoInteractiveAsync(shotPath);
            await Expect(viewer.GetByTestId("approval-state")).ToHaveAttributeAsync("data-approval", "Approved");
            await Expect(viewer.Locator("[data-testid^=approval-to-]")).ToHaveCountAsync(0);
            await Expect(viewer.Locator("#approval-note")).ToHaveCountAsync(0);
            var refused = await viewer.EvaluateAsync<JsonElement>(
                @"async shot => { const r = await fetch(`api/shots/${shot}/approval`, { method: 'PUT', headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify({ state: 2, note: 'Nope', version: 2 }) }); return { status: r.status, text: await r.text() }; }", shotId);
            Assert.Equal(403, refused.GetProperty("status").GetInt32());
            Assert.Contains("You are a Viewer on this project", refused.GetProperty("text").GetString(), StringComparison.Ordinal);
            await viewer.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "approval-viewer.png"), FullPage = true });

            // The editor restores the version with the new title and the old duration.
            await editor.GotoInteractiveAsync(shotPath);
            await editor.GetByTestId("shot-history").Locator(".mud-expand-panel-header").ClickInteractiveAsync();
            var versions = editor.GetByTestId("shot-version");
            await Expect(versions).ToHaveCountAsync(2);
            await versions.Nth(1).GetByTestId("restore-version").ClickInteractiveAsync();
            await editor.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();
            await Expect(editor.Locator(".mud-snackbar").Filter(new() { HasText = "Earlier version restored" })).ToBeVisibleAsync();
            await Expect(editor.Locator("#shot-duration")).ToHaveValueAsync(duration.ToString("0.0", CultureInfo.InvariantCulture));
            await Expect(editor.Locator("#shot-title")).ToHaveValueAsync(shotTitle + " (take two)");
            await editor.GetByTestId("shot-history").Locator(".mud-expand-panel-header").ClickInteractiveAsync();
            await Expect(editor.GetByTestId("shot-version")).ToHaveCountAsync(3);
            await editor.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "approval-history-restored.png"), FullPage = true });

            // The activity log lists the steps, newest first, each linked to the shot.
            await owner.GotoInteractiveAsync(projectPath + "/activity");
            var entries = owner.GetByTestId("activity-entry");
            await Expect(entries.Nth(0)).ToContainTextAsync($"{Editor.DisplayName} edited shot '{shotTitle} (take two)': duration");
            await Expect(entries.Nth(1)).ToContainTextAsync($"{Reviewer.DisplayName} approved shot '{shotTitle} (take two)'");
            await Expect(entries.Nth(2)).ToContainTextAsync($"{Editor.DisplayName} submitted shot '{shotTitle} (take two)' for review");
            await Expect(entries.Nth(3)).ToContainTextAsync($"{Editor.DisplayName} edited shot '{shotTitle} (take two)': duration");
            await Expect(entries.Nth(4)).ToContainTextAsync($"{Editor.DisplayName} renamed shot '{shotTitle}' to '{shotTitle} (take two)'");
            await Expect(owner.GetByText($"added {Viewer.DisplayName} as Viewer")).ToBeVisibleAsync();
            await Expect(entries.Nth(1).GetByTestId("activity-link")).ToHaveAttributeAsync("href", $"projects/{projectId}/shots/{shotId}");
            await owner.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, "activity-log.png"), FullPage = true });

            // Filtered by kind: only the approvals.
            await owner.GetByTestId("activity-filters").Locator(".mud-select").First.ClickAsync();
            await owner.GetByRole(AriaRole.Option, new() { Name = "Approvals" }).ClickAsync();
            await Expect(entries).ToHaveCountAsync(2);
            await entries.Nth(0).GetByTestId("activity-link").ClickAsync();
            await Expect(owner.GetByTestId("shot-editor-title")).ToContainTextAsync(shotTitle + " (take two)");
        });

    /// <summary>Adds the three accounts to the owner's first project with their roles; returns its first shot.</summary>
    private async Task<(int ShotId, string Title, double Duration)> AddMembersAndFindFirstShotAsync(int projectId)
    {
        var services = studio.Services;
        await using var context = await services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var ownerId = (await context.Users.SingleAsync(u => u.Email == StudioFixture.Owner.Email)).Id;
        var members = services.GetRequiredService<MembershipService>();
        await members.AddAsync(projectId, ownerId, Editor.Email, ProjectRole.Editor);
        await members.AddAsync(projectId, ownerId, Reviewer.Email, ProjectRole.Reviewer);
        await members.AddAsync(projectId, ownerId, Viewer.Email, ProjectRole.Viewer);
        var board = await services.GetRequiredService<StoryboardService>().GetStoryboardAsync(projectId, ownerId);
        var shot = board.Scenes[0].Shots[0];
        return (shot.Id, shot.Title, shot.DurationSeconds);
    }
}
