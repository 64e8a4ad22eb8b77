using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Collaboration.Notifications;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Timeline;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Collaboration.Discussion;

/// <summary>Real renders, exports and feed changes become notifications for the people they concern.</summary>
public sealed class NotificationRelayTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private readonly RenderStudio _studio = new();

    public void Dispose() => _studio.Dispose();

    [Fact]
    public async Task AFinishedRender_NotifiesWhoStartedIt_AndAFailedExportToo()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var editor = await RenderFixtures.AddUserAsync(_studio.Services, "Editor");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, editor, ProjectRole.Editor);
        var inbox = _studio.Get<NotificationService>();

        var rendered = Arrival(editor);
        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], editor));
        await rendered.WaitAsync(Generous);
        var render = Assert.Single(await inbox.ListAsync(editor));
        var title = await ShotTitleAsync(shots[0]);

        await using (var context = _studio.Db())
        {
            await context.Shots.Where(s => s.Scene!.ProjectId == projectId).ExecuteUpdateAsync(u => u.SetProperty(s => s.DeletedAt, DateTimeOffset.UtcNow));
        }
        var failed = Arrival(owner);
        var exportId = await _studio.Get<ExportService>().StartAsync(projectId, new ExportRequestEdit(ExportResolution.Hd720, ExportAspect.Square1x1, ExportFit.Crop, SubtitleMode.SoftTrack), owner);
        await failed.WaitAsync(Generous);
        var export = Assert.Single(await inbox.ListAsync(owner));

        Assert.Equal(RenderJobStatus.Succeeded, job.Status);
        Assert.Equal(NotificationKind.RenderSucceeded, render.Kind);
        Assert.Equal($"Render of shot '{title}' finished", render.Title);
        Assert.Equal($"Take {job.TakeId} is ready.", render.Detail);
        Assert.Equal($"projects/{projectId}/shots/{shots[0]}", render.Link);
        Assert.Equal(NotificationKind.ExportFailed, export.Kind);
        Assert.Equal($"Export {exportId} failed", export.Title);
        Assert.Contains("timeline is empty", export.Detail, StringComparison.Ordinal);
        Assert.Equal($"projects/{projectId}/exports", export.Link);
    }

    [Fact]
    public async Task AnApprovalChange_NotifiesThoseWhoEditedTheShot_ButNotTheApprover()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var editor = await RenderFixtures.AddUserAsync(_studio.Services, "Editor");
        var reviewer = await RenderFixtures.AddUserAsync(_studio.Services, "Reviewer");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 2);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, editor, ProjectRole.Editor);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, reviewer, ProjectRole.Reviewer);
        var feed = _studio.Get<ProjectChangeFeed>();
        var inbox = _studio.Get<NotificationService>();
        var now = DateTimeOffset.UtcNow;

        // What the storyboard publishes after an edit, and what the approvals publish after a decision.
        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Shot, shots[0], shots[0], editor, "Editor", "changed the prompt", now));
        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Shot, shots[1], shots[1], owner, "Owner", "changed the title", now));
        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Shot, shots[0], shots[0], reviewer, "Reviewer", "changed the seed", now));
        var arrived = Arrival(editor);
        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Approval, 41, shots[0], reviewer, "Reviewer", "approved the shot", now.AddSeconds(1)));
        await arrived.WaitAsync(Generous);
        var ownerArrived = Arrival(owner);
        feed.Publish(new ProjectChange(projectId, ProjectChangeKind.Approval, 42, shots[1], reviewer, "Reviewer", "requested changes", now.AddSeconds(2)));
        await ownerArrived.WaitAsync(Generous);

        var approval = Assert.Single(await inbox.ListAsync(editor));
        Assert.Equal(NotificationKind.Approval, approval.Kind);
        Assert.Equal("Reviewer approved the shot", approval.Title);
        Assert.Equal($"on shot '{await ShotTitleAsync(shots[0])}', which you edited", approval.Detail);
        Assert.Equal($"projects/{projectId}/shots/{shots[0]}", approval.Link);
        Assert.Equal("Reviewer requested changes", Assert.Single(await inbox.ListAsync(owner)).Title);
        Assert.Empty(await inbox.ListAsync(reviewer));
    }

    /// <summary>Completes when the user's inbox next changes.</summary>
    private Task Arrival(string userId)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = _studio.Get<InboxSignal>().Subscribe(userId, () => arrived.TrySetResult());
        return arrived.Task.ContinueWith(_ => subscription.Dispose(), TaskScheduler.Default);
    }

    private async Task<string> ShotTitleAsync(int shotId)
    {
        await using var context = _studio.Db();
        return await context.Shots.Where(s => s.Id == shotId).Select(s => s.Title).SingleAsync();
    }
}
