using System.Text.Json;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Tests.Rendering;
using ExplainerStudio.Web.Timeline;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>
/// Committed changes reach the render hub's project group as <c>change</c> messages, and a removed member's open hub
/// connection leaves the group at once: no change, render or export event of the project reaches it afterwards.
/// </summary>
public sealed class ProjectChangeHubTests : IDisposable
{
    private const string ChangeMethod = "change";
    private readonly RenderStudio _studio = new();

    [Fact]
    public async Task TakeSelection_IsPublishedOnce_AndReachesEveryMembersConnection()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var viewer = await RenderFixtures.AddUserAsync(_studio.Services, "Viewer");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, viewer, ProjectRole.Viewer);
        var job = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner));
        await using var ownerHub = await HubConnection.ConnectAsync(_studio, owner);
        await using var viewerHub = await HubConnection.ConnectAsync(_studio, viewer);
        Assert.Null(await ownerHub.InvokeAsync("JoinProject", projectId));
        Assert.Null(await viewerHub.InvokeAsync("JoinProject", projectId));
        using var changes = new ChangeRecorder(_studio.Get<ProjectChangeFeed>(), projectId);

        var change = await changes.OneAsync(() => _studio.Get<TakeService>().SelectAsync(job.TakeId!.Value, owner));

        Assert.Equal((ProjectChangeKind.TakeSelection, shots[0], "Owner"), (change.Kind, change.ShotId!.Value, change.ActorName));
        foreach (var hub in new[] { ownerHub, viewerHub })
        {
            var sent = await hub.ReadUntilAsync(ChangeMethod, e => Kind(e) == ProjectChangeKind.TakeSelection);
            Assert.Equal(shots[0], sent.GetProperty("shotId").GetInt32());
            Assert.Equal("Owner", sent.GetProperty("actorName").GetString());
            Assert.False(sent.TryGetProperty("originCircuitId", out _));
        }
    }

    [Fact]
    public async Task RemovedMember_LeavesTheGroup_AndReceivesNoFurtherEvents()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var editor = await RenderFixtures.AddUserAsync(_studio.Services, "Editor");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, editor, ProjectRole.Editor);
        await using var ownerHub = await HubConnection.ConnectAsync(_studio, owner);
        await using var editorHub = await HubConnection.ConnectAsync(_studio, editor);
        await using var editorSecondTab = await HubConnection.ConnectAsync(_studio, editor);
        Assert.Null(await ownerHub.InvokeAsync("JoinProject", projectId));
        Assert.Null(await editorHub.InvokeAsync("JoinProject", projectId));
        Assert.Null(await editorSecondTab.InvokeAsync("JoinProject", projectId));
        var memberships = _studio.Get<MembershipService>();
        var membership = (await memberships.ListAsync(projectId, owner)).Single(m => m.UserId == editor);

        await memberships.RemoveAsync(membership.Id, owner);
        await editorHub.ReadUntilAsync(ChangeMethod, e => Kind(e) == ProjectChangeKind.Membership);
        await editorSecondTab.ReadUntilAsync(ChangeMethod, e => Kind(e) == ProjectChangeKind.Membership);
        var seenBeforeRemoval = editorHub.Received.Count;
        var seenBeforeRemovalSecondTab = editorSecondTab.Received.Count;
        var shot = (await _studio.Get<StoryboardService>().GetStoryboardAsync(projectId, owner)).FindShot(shots[0])!;
        await _studio.Get<StoryboardService>().UpdateShotAsync(
            new ShotEdit(shot.Id, shot.Version, "Retitled after the removal", shot.Description, shot.Prompt, shot.NegativePrompt, shot.CameraMove,
                shot.DurationSeconds, shot.Seed, shot.Steps, shot.Guidance, shot.ReferenceStrength,
                [.. shot.Characters.Select(c => new PlacementEdit(c.CharacterId, c.X, c.Y, c.Scale, c.ZOrder))],
                [.. shot.Dialogue.Select(d => new DialogueEdit(d.CharacterId, d.Text, d.Id))]), owner);
        var jobId = await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);
        // The owner's connection gets both; the relays send in order, so the editor's would have arrived by now.
        await ownerHub.ReadUntilAsync(ChangeMethod, e => Kind(e) == ProjectChangeKind.Shot);
        await ownerHub.ReadUntilAsync(RenderHub.ProgressMethod, e => e.GetProperty("jobId").GetInt32() == jobId);
        await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, jobId);

        // A round trip on each of the editor's connections reads everything the server sent them before its answer.
        Assert.NotNull(await editorHub.InvokeAsync("JoinProject", projectId));
        Assert.NotNull(await editorSecondTab.InvokeAsync("JoinProject", projectId));
        Assert.Equal(seenBeforeRemoval, editorHub.Received.Count);
        Assert.Equal(seenBeforeRemovalSecondTab, editorSecondTab.Received.Count);
    }

    [Fact]
    public async Task MemberRemovedWhileAnExportRuns_ReceivesNoFurtherExportEvents()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var editor = await RenderFixtures.AddUserAsync(_studio.Services, "Editor");
        // A long pinned shot at 1080p: the export is still encoding when the removal commits.
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, shots: 1, seconds: 60);
        await _studio.Get<TimelineService>().UpdateCutAsync(shots[0], new TimelineCutEdit(true, TransitionKind.Cut, 0, 0), owner);
        await RenderFixtures.AddMemberAsync(_studio.Services, projectId, editor, ProjectRole.Editor);
        await using var ownerHub = await HubConnection.ConnectAsync(_studio, owner);
        await using var editorHub = await HubConnection.ConnectAsync(_studio, editor);
        Assert.Null(await ownerHub.InvokeAsync("JoinProject", projectId));
        Assert.Null(await editorHub.InvokeAsync("JoinProject", projectId));
        var exports = _studio.Get<ExportService>();
        var exportId = await exports.StartAsync(projectId,
            new ExportRequestEdit(ExportResolution.Hd1080, ExportAspect.Landscape16x9, ExportFit.Pad, SubtitleMode.None), owner);
        bool Running(JsonElement e) => e.GetProperty("exportId").GetInt32() == exportId
            && e.GetProperty("status").GetInt32() == (int)ExportStatus.Running && e.GetProperty("progress").GetDouble() > 0;
        await editorHub.ReadUntilAsync(ExportProgressNotifier.HubMethod, Running);
        var memberships = _studio.Get<MembershipService>();
        var membership = (await memberships.ListAsync(projectId, owner)).Single(m => m.UserId == editor);

        await memberships.RemoveAsync(membership.Id, owner);
        await editorHub.ReadUntilAsync(ChangeMethod, e => Kind(e) == ProjectChangeKind.Membership);
        var exportEventsBeforeRemoval = ExportEvents(editorHub);
        Assert.Equal(ExportStatus.Running, (await exports.GetAsync(exportId, owner)).Status);
        // The owner still follows it: progress after the removal, then the cancellation that ends it.
        await ownerHub.ReadUntilAsync(ChangeMethod, e => Kind(e) == ProjectChangeKind.Membership);
        await ownerHub.ReadUntilAsync(ExportProgressNotifier.HubMethod, Running);
        await exports.CancelAsync(exportId, owner);
        await ownerHub.ReadUntilAsync(ExportProgressNotifier.HubMethod,
            e => e.GetProperty("exportId").GetInt32() == exportId && e.GetProperty("status").GetInt32() == (int)ExportStatus.Cancelled);

        // The relay sends in order, so the round trip reads everything the server ever sent the editor's connection.
        Assert.NotNull(await editorHub.InvokeAsync("JoinProject", projectId));
        Assert.Equal(exportEventsBeforeRemoval, ExportEvents(editorHub));
    }

    private static int ExportEvents(HubConnection hub) =>
        hub.Received.Count(m => m.GetProperty("target").GetString() == ExportProgressNotifier.HubMethod);

    private static ProjectChangeKind Kind(JsonElement change) => (ProjectChangeKind)change.GetProperty("kind").GetInt32();

    public void Dispose() => _studio.Dispose();
}
