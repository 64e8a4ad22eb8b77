using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Tests.Collaboration.Discussion;

[Collection(StudioCollection.Name)]
public class CommentServiceTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task BadComments_AreRefusedWithTheirReason_AndChangeNothing()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var takeId = await project.AddTakeAsync(frameRate: 4, frameCount: 8);
        var threadId = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Fine"), project.Owner.Id);
        var max = Factory.Get<IOptions<DiscussionOptions>>().Value.MaxCommentLength;
        var owner = project.Owner.Id;
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var cases = new (Func<Task> Call, string Message)[]
        {
            (() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, ""), owner), "A comment needs some text"),
            (() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "  \n\t "), owner), "A comment needs some text"),
            (() => project.Comments.ReplyAsync(threadId, " ", owner), "A comment needs some text"),
            (() => project.Comments.EditAsync(threadId, "", owner), "A comment needs some text"),
            (() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, new string('x', max + 1)), owner),
                $"at most {max:N0} characters; this one has {max + 1:N0}"),
            (() => project.Comments.ReplyAsync(threadId, new string('x', max + 1), owner), "Shorten it or split it into replies"),
            (() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Ask @" + project.Outsider.DisplayName), owner),
                $"'@{project.Outsider.DisplayName.Split(' ')[0]}' is not a member of this project"),
            (() => project.Comments.ReplyAsync(threadId, "cc @Nobody and @Ghost", owner), "'@Nobody', '@Ghost' are not a member of this project"),
            (() => project.Comments.EditAsync(threadId, "now @Nobody", owner), "'@Nobody' is not a member"),
            (() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Frame?", null, 2), owner), "A frame can only be given for a comment on a take"),
            (() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Frame?", takeId, 8), owner), "Frame 8 is not in this take's clip: it has frames 0 to 7"),
            (() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Frame?", takeId, -1), owner), "Frame -1 is not in this take's clip"),
        };
        foreach (var (call, message) in cases)
        {
            var error = await Assert.ThrowsAsync<StudioInputException>(call);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<NotFoundException>(() => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "x", TakeId: 999_999), owner));
        await Assert.ThrowsAsync<NotFoundException>(() => project.Comments.StartThreadAsync(new CommentDraft(999_999, "x"), owner));
        await Assert.ThrowsAsync<NotFoundException>(() => project.Comments.ReplyAsync(999_999, "x", owner));
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task Markdown_IsRenderedWithRawHtmlOff_AndMentionsStandOut()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];
        var body = $"<script>alert(1)</script> **Bold** and [bad](javascript:alert(1)), {DiscussionProject.Mention(editor)}. Mail a@b.example";

        await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, body), project.Owner.Id);

        var comment = (await project.Comments.ListAsync(project.ShotId, null, project.Owner.Id)).Single().Comments.Single();
        Assert.DoesNotContain("<script", comment.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", comment.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>Bold</strong>", comment.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", comment.BodyHtml, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"studio-mention\">@{editor.DisplayName}</span>.", comment.BodyHtml, StringComparison.Ordinal);
        Assert.Equal([editor.DisplayName], comment.MentionedNames);
        Assert.True(comment.IsMine);
    }

    [Fact]
    public async Task AMention_ReachesTheMentionedMembersInbox_OnceEvenAfterEdits()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];
        var viewer = project.Members[ProjectRole.Viewer];
        var inboxes = project.Notifications;

        var id = await project.Comments.StartThreadAsync(
            new CommentDraft(project.ShotId, $"{DiscussionProject.Mention(editor)} and {DiscussionProject.Mention(project.Owner)}, look at the light"), project.Owner.Id);

        var mention = Assert.Single(await inboxes.ListAsync(editor.Id));
        Assert.Equal(NotificationKind.Mention, mention.Kind);
        Assert.Equal($"{project.Owner.DisplayName} mentioned you on shot 'S1.1'", mention.Title);
        Assert.Contains("look at the light", mention.Detail, StringComparison.Ordinal);
        Assert.Equal($"projects/{project.ProjectId}/shots/{project.ShotId}#comment-{id}", mention.Link);
        Assert.False(mention.IsRead);
        Assert.Equal(1, await inboxes.UnreadCountAsync(editor.Id));
        Assert.Empty(await inboxes.ListAsync(project.Owner.Id));
        Assert.Empty(await inboxes.ListAsync(viewer.Id));

        await project.Comments.EditAsync(id, $"{DiscussionProject.Mention(editor)}, {DiscussionProject.Mention(viewer)}: look at the light", project.Owner.Id);
        await project.Comments.EditAsync(id, $"{DiscussionProject.Mention(editor)}, {DiscussionProject.Mention(viewer)}: the light!", project.Owner.Id);

        Assert.Single(await inboxes.ListAsync(editor.Id));
        Assert.Equal(NotificationKind.Mention, Assert.Single(await inboxes.ListAsync(viewer.Id)).Kind);
    }

    [Fact]
    public async Task AReply_ReachesEveryoneInTheThread_ButNotItsAuthor()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];
        var viewer = project.Members[ProjectRole.Viewer];
        var reviewer = project.Members[ProjectRole.Reviewer];
        var threadId = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, $"What do you think, {DiscussionProject.Mention(viewer)}?"), editor.Id);

        await project.Comments.ReplyAsync(threadId, "Too dark.", reviewer.Id);

        Assert.Equal(NotificationKind.Reply, Assert.Single(await project.Notifications.ListAsync(editor.Id)).Kind);
        Assert.Equal([NotificationKind.Reply, NotificationKind.Mention], (await project.Notifications.ListAsync(viewer.Id)).Select(n => n.Kind));
        Assert.Empty(await project.Notifications.ListAsync(reviewer.Id));
        Assert.Empty(await project.Notifications.ListAsync(project.Owner.Id));
        Assert.StartsWith($"{reviewer.DisplayName} replied in a thread you are in", (await project.Notifications.ListAsync(editor.Id))[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAnOpeningCommentWithReplies_LeavesThePlaceholder_UntilTheLastReplyGoes()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];
        var threadId = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Opening"), project.Owner.Id);
        var replyId = await project.Comments.ReplyAsync(threadId, "A reply", editor.Id);

        await project.Comments.DeleteAsync(threadId, project.Owner.Id);
        var thread = (await project.Comments.ListAsync(project.ShotId, null, editor.Id)).Single();
        await Assert.ThrowsAsync<NotFoundException>(() => project.Comments.EditAsync(threadId, "Back", project.Owner.Id));
        await project.Comments.DeleteAsync(replyId, editor.Id);

        Assert.True(thread.Comments[0].IsDeleted);
        Assert.Equal("", thread.Comments[0].Body);
        Assert.Contains("This comment was deleted.", thread.Comments[0].BodyHtml, StringComparison.Ordinal);
        Assert.Equal("A reply", thread.Comments[1].Body);
        Assert.Empty(await project.Comments.ListAsync(project.ShotId, null, editor.Id));
        await using var context = await Factory.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        Assert.False(await context.Comments.AnyAsync(c => c.ShotId == project.ShotId));
    }

    [Fact]
    public async Task ACommentOnATake_KeepsItsFrame_AndTheTimeOfThatFrame()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var takeId = await project.AddTakeAsync(frameRate: 4, frameCount: 8);

        await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "The hand melts here", takeId, 6), project.Members[ProjectRole.Reviewer].Id);

        var thread = Assert.Single(await project.Comments.ListAsync(project.ShotId, takeId, project.Owner.Id));
        Assert.Equal((takeId, 6, 1.5), (thread.TakeId!.Value, thread.FrameIndex!.Value, thread.FrameSeconds!.Value));
        Assert.Empty(await project.Comments.ListAsync(project.ShotId, null, project.Owner.Id));
        var counts = await project.Comments.CountsAsync(project.ProjectId, project.Owner.Id);
        Assert.Equal(new ShotCommentCount(1, 1), counts.Counts[project.ShotId]);
        Assert.Contains(project.ShotId, counts.ShotIds);
    }

    [Fact]
    public async Task EveryCommit_IsPublishedOnTheFeed_AfterItIsInTheDatabase()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var received = new List<(ProjectChange Change, bool Stored)>();
        var contexts = Factory.Get<IDbContextFactory<StudioDbContext>>();
        using var subscription = Factory.Get<ProjectChangeFeed>().Subscribe(change =>
        {
            using var context = contexts.CreateDbContext();
            received.Add((change, context.Comments.Any(c => c.Id == change.EntityId)));
        }, project.ProjectId);

        var threadId = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "One"), project.Owner.Id);
        var replyId = await project.Comments.ReplyAsync(threadId, "Two", project.Owner.Id);
        await project.Comments.EditAsync(replyId, "Two, edited", project.Owner.Id);
        await project.Comments.ResolveAsync(threadId, project.Owner.Id);
        await project.Comments.ReopenAsync(threadId, project.Owner.Id);
        await project.Comments.DeleteAsync(replyId, project.Owner.Id);
        await Assert.ThrowsAsync<StudioInputException>(() => project.Comments.ReplyAsync(threadId, "", project.Owner.Id));

        Assert.Equal(6, received.Count);
        Assert.All(received, r =>
        {
            Assert.Equal(ProjectChangeKind.Comment, r.Change.Kind);
            Assert.Equal(project.ShotId, r.Change.ShotId);
            Assert.Equal(project.Owner.Id, r.Change.ActorUserId);
            Assert.Equal(project.Owner.DisplayName, r.Change.ActorName);
        });
        Assert.Equal([true, true, true, true, true, false], received.Select(r => r.Stored));
        Assert.Equal(["commented on shot 'S1.1'", "replied on shot 'S1.1'", "edited a comment on shot 'S1.1'", "resolved a thread on shot 'S1.1'", "reopened a thread on shot 'S1.1'", "deleted a comment on shot 'S1.1'"],
            received.Select(r => r.Change.Summary));
    }

    [Fact]
    public async Task MentionCandidates_AreTheProjectsMembers()
    {
        var project = await DiscussionProject.CreateAsync(Factory);

        var candidates = await project.Comments.MentionCandidatesAsync(project.ProjectId, project.Members[ProjectRole.Viewer].Id);

        Assert.Equal(project.Members.Values.Select(m => m.Id).Order(), candidates.Select(c => c.UserId).Order());
        Assert.DoesNotContain(candidates, c => c.UserId == project.Outsider.Id);
    }
}
