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
            await Expect(reviewer.GetByTestId("shot").Locator($"[data-testid=comment-count]")).ToHaveTextAsync("1");
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
            await Expect(owner.GetByTestId("inbox-bell")).ToHaveAttributeAsync("data-unread", "1");

            // As a reviewer she may resolve the owner's thread; it folds away for both.
            await reviewerThread.GetByTestId("resolve-thread").ClickInteractiveAsync();
            await Expect(panel.GetByTestId("comment-summary")).ToHaveTextAsync("0 open threads, 1 resolved");
            await Expect(thread).ToHaveCountAsync(0);
            await panel.Locator(".mud-switch").ClickAsync();
            await Expect(thread).ToHaveAttributeAsync("data-resolved", "true");
            await panel.ScrollIntoViewIfNeededAsync();
            await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath("discussion-panel.png") });
        });

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
