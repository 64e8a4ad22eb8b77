using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Approvals;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests.Collaboration;

[Collection(StudioCollection.Name)]
public class ApprovalsServiceTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;
    private ApprovalService Approvals => Factory.Get<ApprovalService>();

    [Fact]
    public async Task AShotStartsAsADraft_AndEachDecisionSaysWhoAndWhen()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var shot = await team.NewShotAsync("decided");
        var reviewer = team.People["reviewer"];

        var draft = await Approvals.GetAsync(shot.Id, team.People["viewer"].Id);
        var submitted = await Approvals.SetAsync(shot.Id, ApprovalState.InReview, "  Ready for a look.  ", 0, team.People["editor"].Id);
        var approved = await Approvals.SetAsync(shot.Id, ApprovalState.Approved, null, submitted.Version, reviewer.Id);
        var board = await Approvals.ListAsync(team.ProjectId, team.People["viewer"].Id);

        Assert.Equal(ShotApprovalView.DraftOf(shot.Id), draft);
        Assert.Equal((ApprovalState.InReview, "Ready for a look.", team.People["editor"].DisplayName), (submitted.State, submitted.Note, submitted.ChangedByName));
        Assert.Equal((ApprovalState.Approved, "", reviewer.Id, reviewer.DisplayName), (approved.State, approved.Note, approved.ChangedByUserId, approved.ChangedByName));
        Assert.True(approved.Version > submitted.Version);
        Assert.NotNull(approved.ChangedAt);
        Assert.Equal(approved, board[shot.Id]);
        Assert.Equal(ApprovalState.Draft, board[(await team.Board.ShotAsync("S1.1")).Id].State);
    }

    [Fact]
    public async Task RequestingChanges_NeedsANote_AndBadInputChangesNothing()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var shot = await team.NewShotAsync("noted");
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var noNote = await Assert.ThrowsAsync<StudioInputException>(() => Approvals.SetAsync(shot.Id, ApprovalState.ChangesRequested, "  ", 0, team.Owner.Id));
        var longNote = await Assert.ThrowsAsync<StudioInputException>(() => Approvals.SetAsync(shot.Id, ApprovalState.Approved, new string('x', 1001), 0, team.Owner.Id));
        var unknown = await Assert.ThrowsAsync<StudioInputException>(() => Approvals.SetAsync(shot.Id, (ApprovalState)42, null, 0, team.Owner.Id));
        var alreadyDraft = await Assert.ThrowsAsync<StudioInputException>(() => Approvals.SetAsync(shot.Id, ApprovalState.Draft, null, 0, team.Owner.Id));
        var gone = await Assert.ThrowsAsync<NotFoundException>(() => Approvals.SetAsync(int.MaxValue, ApprovalState.Approved, null, 0, team.Owner.Id));

        Assert.Contains("needs a note", noNote.Message, StringComparison.Ordinal);
        Assert.Contains("1001 characters; keep it to 1000", longNote.Message, StringComparison.Ordinal);
        Assert.Contains("Choose an approval state", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("already a draft", alreadyDraft.Message, StringComparison.Ordinal);
        Assert.Contains("no longer exists", gone.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task TwoReviewersDecidingOnTheSameVersion_TheSecondIsRefused_AndTheFirstStands()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var shot = await team.NewShotAsync("raced");
        var seen = await Approvals.SetAsync(shot.Id, ApprovalState.InReview, null, 0, team.Owner.Id);

        await Approvals.SetAsync(shot.Id, ApprovalState.Approved, null, seen.Version, team.People["reviewer"].Id);
        var before = await DatabaseSnapshot.TakeAsync(Factory);
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            Approvals.SetAsync(shot.Id, ApprovalState.ChangesRequested, "Too dark.", seen.Version, team.People["editor"].Id));

        Assert.Contains("changed by someone else", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Approved, (await Approvals.GetAsync(shot.Id, team.Owner.Id)).State);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task EveryCommittedDecision_IsPublishedOnTheProjectFeed_AndARefusedOneIsNot()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var shot = await team.NewShotAsync("published");
        var changes = new List<ProjectChange>();
        using var subscription = Factory.Get<ProjectChangeFeed>().Subscribe(c => { lock (changes) { changes.Add(c); } }, team.ProjectId);

        var approved = await Approvals.SetAsync(shot.Id, ApprovalState.Approved, "Ship it.", 0, team.People["reviewer"].Id);
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => Approvals.SetAsync(shot.Id, ApprovalState.InReview, null, approved.Version, team.People["viewer"].Id));

        var change = Assert.Single(changes);
        Assert.Equal((ProjectChangeKind.Approval, shot.Id, team.People["reviewer"].Id, team.People["reviewer"].DisplayName),
            (change.Kind, change.ShotId, change.ActorUserId, change.ActorName));
        Assert.Equal("approved shot 'published'", change.Summary);
    }

    [Fact]
    public async Task DeletingTheShotsScene_RemovesItsApproval()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var shot = await team.NewShotAsync("doomed");
        await Approvals.SetAsync(shot.Id, ApprovalState.Approved, null, 0, team.Owner.Id);

        await team.Board.Service.DeleteSceneAsync(shot.SceneId, team.Owner.Id);

        Assert.Empty(await Approvals.ListAsync(team.ProjectId, team.Owner.Id));
    }
}
