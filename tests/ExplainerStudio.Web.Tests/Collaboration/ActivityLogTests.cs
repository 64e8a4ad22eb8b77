using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Collaboration.Comments;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>The activity log records who did what, with the changed fields, in the same commit as the change.</summary>
[Collection(StudioCollection.Name)]
public class ActivityLogTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;
    private ActivityService Activity => Factory.Get<ActivityService>();

    [Fact]
    public async Task AShotEdit_IsLoggedWithTheEditorAndEachChangedFieldBeforeAndAfter()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var editor = team.People["editor"];
        var characterId = await team.Board.AddLockedCharacterAsync("Ada", seed: 3);
        var shot = await team.NewShotAsync("Intro");

        await team.Board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Title = "Opening", DurationSeconds = 6.25, CameraMove = CameraMove.ZoomIn, Dialogue = [new DialogueEdit(characterId, "Hello there.")],
        }, editor.Id);

        var entry = (await Activity.ListAsync(team.ProjectId, team.People["viewer"].Id, new ActivityFilter(ShotId: shot.Id)))[0];
        Assert.Equal((ActivityKind.Edit, ActivityTarget.Shot, shot.Id, editor.Id, editor.DisplayName), (entry.Kind, entry.Target, entry.TargetId, entry.ActorUserId, entry.ActorName));
        Assert.Equal("edited shot 'Opening': title, camera, duration, dialogue", entry.Summary);
        Assert.Equal(
            [
                new ActivityFieldChange("Title", "Intro", "Opening"),
                new ActivityFieldChange("CameraMove", "Static", "ZoomIn"),
                new ActivityFieldChange("DurationSeconds", "4", "6.25"),
                new ActivityFieldChange("Dialogue", "", "Ada: Hello there."),
            ], entry.Changes);
        Assert.Equal($"projects/{team.ProjectId}/shots/{shot.Id}", entry.Link);
    }

    [Fact]
    public async Task Comments_AreLogged_WithTheirAuthor_AndLinkToTheirShot()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var viewer = team.People["viewer"];
        var reviewer = team.People["reviewer"];
        var shot = await team.NewShotAsync("Hook");
        var comments = Factory.Get<CommentService>();

        var thread = await comments.StartThreadAsync(new CommentDraft(shot.Id, "Too dark?"), viewer.Id);
        await comments.EditAsync(thread, "Too dark at the start?", viewer.Id);
        await comments.ReplyAsync(thread, "Agreed.", reviewer.Id);
        await comments.ResolveAsync(thread, reviewer.Id);

        var entries = await Activity.ListAsync(team.ProjectId, team.Owner.Id, new ActivityFilter(Kind: ActivityKind.Comment));
        Assert.Equal(
            [
                (reviewer.Id, "resolved a thread on shot 'Hook'"),
                (reviewer.Id, "replied in a thread on shot 'Hook'"),
                (viewer.Id, "edited a comment on shot 'Hook'"),
                (viewer.Id, "commented on shot 'Hook'"),
            ], entries.Select(e => (e.ActorUserId, e.Summary)).ToList());
        Assert.Equal([new ActivityFieldChange("Body", "Too dark?", "Too dark at the start?")], entries[2].Changes);
        Assert.All(entries, e => Assert.Equal($"projects/{team.ProjectId}/shots/{shot.Id}", e.Link));
    }

    [Fact]
    public async Task ARefusedEdit_LeavesNoEntry()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var shot = await team.NewShotAsync("Kept");
        await team.Board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = "Theirs" }, team.Owner.Id);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        await Assert.ThrowsAsync<EditConflictException>(() => team.Board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = "Mine" }, team.People["editor"].Id));
        await Assert.ThrowsAsync<StudioInputException>(() => team.Board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Version = shot.Version + 1, DurationSeconds = 500 }, team.Owner.Id));

        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task TheLog_ListsTheSteps_OfStoryboardApprovalAndMembershipWork_NewestFirst_AndFilters()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var reviewer = team.People["reviewer"];
        var sceneId = await team.Board.Service.AddSceneAsync(team.ProjectId, team.People["editor"].Id, "Finale");
        var shotId = await team.Board.Service.AddShotAsync(sceneId, team.People["editor"].Id, "Bow");
        await Factory.Get<ApprovalService>().SetAsync(shotId, ApprovalState.ChangesRequested, "Bow deeper.", 0, reviewer.Id);
        var scene = (await team.Board.ReadAsync()).Scenes.Single(s => s.Id == sceneId);
        await team.Board.Service.RenameSceneAsync(sceneId, scene.Version, team.Owner.Id, "Grand finale");
        var members = await Factory.Get<MembershipService>().ListAsync(team.ProjectId, team.Owner.Id);
        await Factory.Get<MembershipService>().ChangeRoleAsync(members.Single(m => m.UserId == team.People["viewer"].Id).Id, team.Owner.Id, ProjectRole.Reviewer);
        await team.Board.Service.DeleteShotAsync(shotId, team.People["editor"].Id);

        var all = await Activity.ListAsync(team.ProjectId, team.Owner.Id);
        var viewer = team.People["viewer"];
        Assert.Equal(
            [
                "deleted shot 'Bow'",
                $"changed {viewer.DisplayName}'s role from Viewer to Reviewer",
                "renamed scene 'Finale' to 'Grand finale'",
                "requested changes on shot 'Bow'",
                "added shot 'Bow'",
                "added scene 'Finale'",
            ], all.Take(6).Select(e => e.Summary));
        var approval = all.Single(e => e.Kind == ActivityKind.Approval);
        Assert.Equal((reviewer.DisplayName, shotId), (approval.ActorName, approval.ShotId));
        Assert.Equal([new ActivityFieldChange("State", "Draft", "Changes requested"), new ActivityFieldChange("Note", "", "Bow deeper.")], approval.Changes);

        Assert.Equal(["requested changes on shot 'Bow'"], (await Activity.ListAsync(team.ProjectId, team.Owner.Id, new ActivityFilter(Kind: ActivityKind.Approval))).Select(e => e.Summary));
        Assert.All(await Activity.ListAsync(team.ProjectId, team.Owner.Id, new ActivityFilter(ActorUserId: team.People["editor"].Id)), e => Assert.Equal(team.People["editor"].Id, e.ActorUserId));
        Assert.Equal(3, (await Activity.ListAsync(team.ProjectId, team.Owner.Id, new ActivityFilter(ShotId: shotId))).Count);
        Assert.Contains((reviewer.Id, reviewer.DisplayName), await Activity.ActorsAsync(team.ProjectId, team.Owner.Id));
        Assert.Equal($"projects/{team.ProjectId}/members", all.Single(e => e.Kind == ActivityKind.Membership && e.Summary.StartsWith("changed", StringComparison.Ordinal)).Link);
    }

    [Fact]
    public async Task AnImport_IsOneEntry_WithWhatItAdded()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);

        await Factory.Get<ScriptImporter>().ImportAsync(team.ProjectId, team.People["editor"].Id, "# Lab\n## Setup\nADA: Welcome.\n## Result\nADA: It works.\n");

        var entry = (await Activity.ListAsync(team.ProjectId, team.Owner.Id))[0];
        Assert.Equal((ActivityKind.Import, team.People["editor"].Id), (entry.Kind, entry.ActorUserId));
        Assert.StartsWith("imported a script (", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("1 scene", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("2 shots", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("1 character", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListLimits_OutsideTheRange_AreRefusedWithTheRange()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);

        var error = await Assert.ThrowsAsync<StudioInputException>(() => Activity.ListAsync(team.ProjectId, team.Owner.Id, new ActivityFilter(Limit: 0)));

        Assert.Contains("1 to 1000", error.Message, StringComparison.Ordinal);
    }
}
