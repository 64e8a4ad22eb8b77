using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests.Collaboration.Discussion;

[Collection(StudioCollection.Name)]
public sealed class NotificationServiceTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task AnInbox_IsItsOwnersOnly()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];
        await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, DiscussionProject.Mention(editor)), project.Owner.Id);
        var notification = Assert.Single(await project.Notifications.ListAsync(editor.Id));
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        foreach (var role in DiscussionProject.Callers.Where(r => r != ProjectRole.Editor))
        {
            var caller = project.Caller(role).Id;
            await Assert.ThrowsAsync<NotFoundException>(() => project.Notifications.MarkReadAsync(notification.Id, caller));
            Assert.Equal(0, await project.Notifications.MarkAllReadAsync(caller));
            Assert.Empty(await project.Notifications.ListAsync(caller));
            Assert.Equal(0, await project.Notifications.UnreadCountAsync(caller));
        }

        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
        Assert.False((await project.Notifications.ListAsync(editor.Id)).Single().IsRead);
    }

    [Fact]
    public async Task MarkReadAndMarkAllRead_LowerTheUnreadCount_AndTellTheOpenPages()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];
        var signals = 0;
        using var subscription = Factory.Get<InboxSignal>().Subscribe(editor.Id, () => Interlocked.Increment(ref signals));
        for (var i = 0; i < 3; i++)
        {
            await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, $"{DiscussionProject.Mention(editor)} number {i}"), project.Owner.Id);
        }
        Assert.Equal(3, signals);
        var inbox = await project.Notifications.ListAsync(editor.Id);

        await project.Notifications.MarkReadAsync(inbox[0].Id, editor.Id);
        await project.Notifications.MarkReadAsync(inbox[0].Id, editor.Id);
        var afterOne = await project.Notifications.UnreadCountAsync(editor.Id);
        var unread = await project.Notifications.ListAsync(editor.Id, unreadOnly: true);
        var marked = await project.Notifications.MarkAllReadAsync(editor.Id);

        Assert.Equal(["number 2", "number 1", "number 0"], inbox.Select(n => n.Detail[^8..]));
        Assert.Equal(2, afterOne);
        Assert.Equal([inbox[1].Id, inbox[2].Id], unread.Select(n => n.Id));
        Assert.Equal(2, marked);
        Assert.Equal(0, await project.Notifications.UnreadCountAsync(editor.Id));
        Assert.All(await project.Notifications.ListAsync(editor.Id), n => Assert.True(n.IsRead));
        Assert.Equal(5, signals);
        Assert.Equal((await project.Board.ReadAsync()).Name, inbox[0].ProjectName);
    }

    [Fact]
    public async Task ARemovedMember_NoLongerSeesOrGetsTheProjectsNotifications()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];
        await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, DiscussionProject.Mention(editor)), project.Owner.Id);
        var memberships = Factory.Get<MembershipService>();
        var membership = (await memberships.ListAsync(project.ProjectId, project.Owner.Id)).Single(m => m.UserId == editor.Id);

        await memberships.RemoveAsync(membership.Id, project.Owner.Id);
        var delivered = await project.Notifications.DeliverAsync(
            [new NotificationDraft(editor.Id, project.ProjectId, NotificationKind.Approval, "late", "", "", "late:1")]);

        Assert.Equal(0, delivered);
        Assert.Empty(await project.Notifications.ListAsync(editor.Id));
        Assert.Equal(0, await project.Notifications.UnreadCountAsync(editor.Id));
    }
}
