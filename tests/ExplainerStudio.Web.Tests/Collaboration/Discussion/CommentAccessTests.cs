using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Comments;

namespace ExplainerStudio.Web.Tests.Collaboration.Discussion;

/// <summary>The authorisation matrix of every comment method: outsider, viewer, reviewer, editor, owner.</summary>
[Collection(StudioCollection.Name)]
public sealed class CommentAccessTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task ReadingAndCommenting_IsForEveryMember_AndAnOutsiderChangesNothing()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var takeId = await project.AddTakeAsync();
        var threadId = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Opening"), project.Owner.Id);

        foreach (var role in DiscussionProject.Callers)
        {
            var caller = project.Caller(role).Id;
            Func<Task>[] calls =
            [
                () => project.Comments.ListAsync(project.ShotId, null, caller),
                () => project.Comments.ListAsync(project.ShotId, takeId, caller),
                () => project.Comments.CountsAsync(project.ProjectId, caller),
                () => project.Comments.CountsForProjectOfShotAsync(project.ShotId, caller),
                () => project.Comments.MentionCandidatesAsync(project.ProjectId, caller),
                () => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, $"From {role}"), caller),
                () => project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, $"At a frame, from {role}", takeId, 3), caller),
                () => project.Comments.ReplyAsync(threadId, $"Reply from {role}", caller),
            ];
            if (role is null)
            {
                var before = await DatabaseSnapshot.TakeAsync(Factory);
                foreach (var call in calls)
                {
                    var error = await Assert.ThrowsAsync<ProjectAccessDeniedException>(call);
                    Assert.False(error.IsMember);
                }
                before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
            }
            else
            {
                foreach (var call in calls)
                {
                    await call();
                }
            }
        }

        var threads = await project.Comments.ListAsync(project.ShotId, null, project.Owner.Id);
        Assert.Equal(["Opening", "From Viewer", "From Reviewer", "From Editor", "From Owner"], threads.Select(t => t.Comments[0].Body));
        Assert.Equal(["Opening", "Reply from Viewer", "Reply from Reviewer", "Reply from Editor", "Reply from Owner"], threads[0].Comments.Select(c => c.Body));
        Assert.Equal(4, (await project.Comments.ListAsync(project.ShotId, takeId, project.Owner.Id)).Count);
    }

    [Fact]
    public async Task EditAndDelete_AreTheAuthorsOnly_WhateverTheirRole()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var viewer = project.Members[ProjectRole.Viewer];
        var commentId = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Viewer's note"), viewer.Id);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        foreach (var role in DiscussionProject.Callers.Where(r => r != ProjectRole.Viewer))
        {
            var caller = project.Caller(role).Id;
            var edit = await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => project.Comments.EditAsync(commentId, "Hijacked", caller));
            var delete = await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => project.Comments.DeleteAsync(commentId, caller));
            Assert.Equal(role is not null, edit.IsMember);
            Assert.Equal(role is not null, delete.IsMember);
            if (role is not null)
            {
                Assert.Contains("only edit your own comments", edit.Message, StringComparison.Ordinal);
                Assert.Contains("only delete your own comments", delete.Message, StringComparison.Ordinal);
            }
        }
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));

        await project.Comments.EditAsync(commentId, "Viewer's note, **edited**", viewer.Id);
        var edited = (await project.Comments.ListAsync(project.ShotId, null, project.Owner.Id)).Single().Comments.Single();
        Assert.Equal("Viewer's note, **edited**", edited.Body);
        Assert.NotNull(edited.EditedAt);
        Assert.False(edited.IsMine);
        await project.Comments.DeleteAsync(commentId, viewer.Id);
        Assert.Empty(await project.Comments.ListAsync(project.ShotId, null, project.Owner.Id));
    }

    [Fact]
    public async Task ResolveAndReopen_AreForTheThreadsAuthorAndReviewersAndAbove()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];

        foreach (var role in DiscussionProject.Callers)
        {
            var threadId = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, $"For {role}"), editor.Id);
            var caller = project.Caller(role).Id;
            if (role is null or ProjectRole.Viewer)
            {
                var before = await DatabaseSnapshot.TakeAsync(Factory);
                var resolve = await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => project.Comments.ResolveAsync(threadId, caller));
                Assert.Equal(role is not null, resolve.IsMember);
                before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
                await project.Comments.ResolveAsync(threadId, editor.Id);
                await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => project.Comments.ReopenAsync(threadId, caller));
            }
            else
            {
                await project.Comments.ResolveAsync(threadId, caller);
                var resolved = (await project.Comments.ListAsync(project.ShotId, null, caller)).Single(t => t.Id == threadId);
                Assert.True(resolved.IsResolved);
                Assert.Equal(project.Caller(role).DisplayName, resolved.ResolvedBy);
                Assert.True(resolved.CanResolve);
                await project.Comments.ReopenAsync(threadId, caller);
                Assert.False((await project.Comments.ListAsync(project.ShotId, null, caller)).Single(t => t.Id == threadId).IsResolved);
            }
        }

        // A viewer may resolve a thread of their own.
        var viewer = project.Members[ProjectRole.Viewer];
        var own = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Mine"), viewer.Id);
        var others = (await project.Comments.ListAsync(project.ShotId, null, viewer.Id)).Where(t => t.Id != own);
        Assert.All(others, t => Assert.False(t.CanResolve));
        await project.Comments.ResolveAsync(own, viewer.Id);
        Assert.True((await project.Comments.ListAsync(project.ShotId, null, viewer.Id)).Single(t => t.Id == own).IsResolved);
    }

    [Fact]
    public async Task ARemovedMember_LosesTheDiscussionAtOnce()
    {
        var project = await DiscussionProject.CreateAsync(Factory);
        var editor = project.Members[ProjectRole.Editor];
        var threadId = await project.Comments.StartThreadAsync(new CommentDraft(project.ShotId, "Before leaving"), editor.Id);
        var memberships = Factory.Get<MembershipService>();
        var membership = (await memberships.ListAsync(project.ProjectId, project.Owner.Id)).Single(m => m.UserId == editor.Id);

        await memberships.RemoveAsync(membership.Id, project.Owner.Id);

        Assert.False((await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => project.Comments.ListAsync(project.ShotId, null, editor.Id))).IsMember);
        Assert.False((await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => project.Comments.EditAsync(threadId, "Still here?", editor.Id))).IsMember);
        Assert.False((await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => project.Comments.ReplyAsync(threadId, "Still here?", editor.Id))).IsMember);
    }
}
