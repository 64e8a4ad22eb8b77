using System.Text.RegularExpressions;
using ExplainerStudio.E2E.Tests.Infrastructure;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExplainerStudio.E2E.Tests;

/// <summary>Two members in two browsers: a comment with a mention reaches the other's inbox live, and their reply comes back live.</summary>
public sealed partial class DiscussionTests(StudioFixture studio, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private static readonly TestAccount Reviewer = new("Rita Reviewer", "rita@studio.test", "rita-pass-12345");

    [Fact]
    public Task AMention_ReachesTheMentionedMembersInboxLive_AndTheLinkOpensTheShot() =>
        studio.RunAsync(output, nameof(AMention_ReachesTheMentionedMembersInboxLive_AndTheLinkOpensTheShot), async session =>
        {
            var owner = await studio.SignInOwnerAsync(session);
            await owner.GotoInteractiveAsync("");
            var projectPath = "/" + await owner.GetByTestId("project-card").First.GetAttributeAsync("href");
            var projectId = int.Parse(ProjectId().Match(projectPath).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            var reviewer = await session.NewPageAsync();
            await StudioAccounts.RegisterAsync(reviewer, Reviewer);
            await AddMemberAsync(projectId, Reviewer.Email, ProjectRole.Reviewer);
            await reviewer.GotoInteractiveAsync(projectPath);
            var reviewerBell = reviewer.GetByTestId("inbox-bell");
            await Expect(reviewerBell).ToHaveAttributeAsync("data-unread", "0");

            // The owner opens a shot and mentions the reviewer, picking her from the suggestions.
            await owner.GotoInteractiveAsync(projectPath);
            // The fixture's owner is shared by this class's tests, so the owner's count is compared with what it was.
            var ownerBell = owner.GetByTestId("inbox-bell");
            var ownerUnread = int.Parse(await ownerBell.GetAttributeAsync("data-unread") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var card = owner.GetByTestId("shot").First;
            var shotId = await card.GetAttributeAsync("data-shot-id");
            await card.ClickInteractiveAsync();
            await Expect(owner.GetByTestId("shot-editor-title")).ToBeVisibleAsync();
            var panel = owner.GetByTestId("shot-comments");
            await Expect(panel.GetByTestId("comment-summary")).ToHaveTextAsync("No comments yet");
            var box = owner.Locator("#shot-comment");
            await box.WaitForHandlersAsync();
            await box.PressSequentiallyAsync("Is the light **too warm** here, @Ri");
            await owner.GetByTestId("mention-suggestion").Filter(new() { HasText = "@Rita Reviewer" }).ClickInteractiveAsync();
            await Expect(box).ToHaveValueAsync("Is the light **too warm** here, @Rita Reviewer ");
            await box.PressSequentiallyAsync("?");
            await panel.GetByTestId("post-comment").ClickInteractiveAsync();
            var thread = panel.GetByTestId("comment-thread");
            await Expect(thread).ToHaveCountAsync(1);
            await Expect(thread.Locator(".studio-mention")).ToHaveTextAsync("@Rita Reviewer");
            await Expect(thread.Locator("strong").Filter(new() { HasText = "too warm" })).ToBeVisibleAsync();
            await Expect(box).ToHaveValueAsync("");

            // A mention of someone who is not a member is refused with the reason; nothing is posted.
            await box.FillAsync("and @Nobody");
            await panel.GetByTestId("post-comment").ClickInteractiveAsync();
            await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "'@Nobody' is not a member of this project" })).ToBeVisibleAsync();
            await Expect(thread).ToHaveCountAsync(1);
            await box.FillAsync("");
            await owner.Locator(".mud-snackbar .mud-snackbar-close-button, .mud-snackbar button").First.ClickAsync();

            // The reviewer's bell counts it without a reload.
            await Expect(reviewerBell).ToHaveAttributeAsync("data-unread", "1");
            await Expect(reviewer.Locator($"[data-testid=shot][data-shot-id='{shotId}'] [data-testid=comment-count]")).ToHaveTextAsync("1");
            await Screenshot(reviewer, "discussion-bell.png");
            await reviewerBell.Locator("a, button").First.ClickInteractiveAsync();
            await Expect(reviewer).ToHaveURLAsync(new Regex("/inbox$"));
            var notification = reviewer.GetByTestId("notification");
            await Expect(notification).ToHaveCountAsync(1);
            await Expect(notification).ToHaveAttributeAsync("data-read", "false");
            await Expect(notification).ToContainTextAsync($"{StudioFixture.Owner.DisplayName} mentioned you on shot");
            await Expect(notification).ToContainTextAsync("Is the light too warm here, @Rita Reviewer ?");
            await Screenshot(reviewer, "discussion-inbox.png");

            // The link opens the shot with its discussion, and the notification is read.
            await notification.ClickInteractiveAsync();
            await Expect(reviewer).ToHaveURLAsync(new Regex($"{projectPath}/shots/{shotId}"));
            await Expect(reviewer.GetByTestId("shot-editor-title")).ToBeVisibleAsync();
            await Expect(reviewerBell).ToHaveAttributeAsync("data-unread", "0");
            var reviewerThread = reviewer.GetByTestId("shot-comments").GetByTestId("comment-thread");
            await Expect(reviewerThread.GetByTestId("comment-body")).ToContainTextAsync("too warm");
            await Expect(reviewerThread.GetByTestId("edit-comment")).ToHaveCountAsync(0);

            // Her reply appears in the owner's open editor live, and the owner hears about it.
            await reviewerThread.GetByTestId("reply-thread").ClickInteractiveAsync();
            var reply = reviewer.Locator("[id^=reply-]");
            await reply.WaitForHandlersAsync();
            await reply.FillAsync("A little. Try *5600 K*.");
            await reviewerThread.GetByTestId("post-reply").ClickInteractiveAsync();
            await Expect(thread.GetByTestId("comment")).ToHaveCountAsync(2);
            await Expect(thread.GetByTestId("comment").Nth(1)).ToContainTextAsync("Rita Reviewer");
            await Expect(ownerBell).ToHaveAttributeAsync("data-unread", (ownerUnread + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

            // As a reviewer she may resolve the owner's thread; it folds away for both.
            await reviewerThread.GetByTestId("resolve-thread").ClickInteractiveAsync();
            await Expect(panel.GetByTestId("comment-summary")).ToHaveTextAsync("0 open threads, 1 resolved");
            await Expect(thread).ToHaveCountAsync(0);
            await panel.Locator(".mud-switch").ClickAsync();
            await Expect(thread).ToHaveAttributeAsync("data-resolved", "true");
            await panel.ScrollIntoViewIfNeededAsync();
            await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath("discussion-panel.png") });
        });

    [Fact]
    public Task ACommentAtAFrameOfATake_SeeksItsVideo_AndTheFinishedRenderIsInTheInbox() =>
        studio.RunAsync(output, nameof(ACommentAtAFrameOfATake_SeeksItsVideo_AndTheFinishedRenderIsInTheInbox), async session =>
        {
            var page = await studio.SignInOwnerAsync(session);
            await page.GotoInteractiveAsync("");
            await page.GetByTestId("project-card").First.ClickAsync();
            var card = page.GetByTestId("shot").Filter(new() { Has = page.Locator("h3", new() { HasTextString = "Start from noise" }) });
            await card.ClickInteractiveAsync();
            await Expect(page.GetByTestId("shot-editor-title")).ToHaveTextAsync("Shot: Start from noise");
            var bell = page.GetByTestId("inbox-bell");
            var unreadBefore = int.Parse(await bell.GetAttributeAsync("data-unread") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await page.Locator("#generate-shot").ClickInteractiveAsync();

            // The finished render reaches the inbox of whoever started it, live.
            var take = page.GetByTestId("take").First;
            await Expect(take).ToBeVisibleAsync(new() { Timeout = 180_000 });
            await Expect(bell).ToHaveAttributeAsync("data-unread", (unreadBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var takeId = await take.GetAttributeAsync("data-take-id");

            // Scrub the take's video to 1 s and comment at that frame (24 fps: frame 24).
            var video = take.Locator("video");
            await video.EvaluateAsync(SeekScript, 1.0);
            await take.GetByTestId("open-take-comments").ClickInteractiveAsync();
            var panel = take.GetByTestId("take-comments");
            var box = panel.Locator($"#take-comment-{takeId}");
            await box.WaitForHandlersAsync();
            await box.FillAsync("The noise clears **too early** here.");
            await panel.GetByText("at the video's current frame").ClickAsync();
            await Expect(panel.Locator("input[type=checkbox]")).ToBeCheckedAsync();
            await panel.GetByTestId("post-comment").ClickInteractiveAsync();
            var frame = panel.GetByTestId("comment-frame");
            await Expect(frame).ToHaveTextAsync("frame 24 · 1.00 s");

            // Back to the start; the frame chip brings the video to the middle of that frame.
            await video.EvaluateAsync(SeekScript, 0.0);
            await frame.ClickInteractiveAsync();
            await page.WaitForFunctionAsync(
                "id => { const v = document.querySelector('[data-take-id=\"' + id + '\"] video'); return !!v && Math.abs(v.currentTime - (1 + 0.5 / 24)) < 0.03; }",
                takeId, new PageWaitForFunctionOptions { PollingInterval = 100 });
            await take.ScrollIntoViewIfNeededAsync();
            await take.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath("discussion-take.png") });

            await page.GotoInteractiveAsync("inbox");
            await Expect(page.GetByTestId("notification").Filter(new() { HasText = "Render of shot 'Start from noise' finished" })).ToHaveAttributeAsync("data-kind", "RenderSucceeded");
        });

    // Loads a never-played clip if needed, seeks it and waits until the browser has the frame.
    private const string SeekScript = """
        (v, t) => new Promise(resolve => {
            const seek = () => { v.addEventListener('seeked', () => resolve(), { once: true }); v.currentTime = t; };
            if (v.readyState >= 1) { seek(); } else { v.preload = 'auto'; v.addEventListener('loadedmetadata', seek, { once: true }); v.load(); }
        })
        """;

    private async Task AddMemberAsync(int projectId, string email, ProjectRole role)
    {
        await using var context = await studio.Services.GetRequiredService<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var ownerId = await context.Users.Where(u => u.Email == StudioFixture.Owner.Email).Select(u => u.Id).SingleAsync();
        await studio.Services.GetRequiredService<MembershipService>().AddAsync(projectId, ownerId, email, role);
    }

    private Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(name) });

    private string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "e2e-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        output.WriteLine($"Screenshot: {path}");
        return path;
    }

    [GeneratedRegex(@"^/projects/(\d+)$")]
    private static partial Regex ProjectId();
}
