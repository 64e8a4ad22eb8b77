using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>A shot's history puts an earlier version of its fields back, as a new edit with optimistic concurrency.</summary>
[Collection(StudioCollection.Name)]
public sealed class ActivityRestoreTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;
    private ActivityService Activity => Factory.Get<ActivityService>();

    [Fact]
    public async Task Restore_PutsTheFieldsBackAsTheyWereAfterThatVersion_AsANewLoggedEdit()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var ada = await team.Board.AddLockedCharacterAsync("Ada", seed: 5);
        var shot = await team.NewShotAsync("First");
        var service = team.Board.Service;
        await service.UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Title = "Second", Description = "A **calm** start.", DurationSeconds = 5.5, Guidance = 6, Dialogue = [new DialogueEdit(ada, "One.")],
        }, team.Owner.Id);
        var second = (await team.Board.ReadAsync()).FindShot(shot.Id)!;
        var wanted = (await Activity.ShotHistoryAsync(shot.Id, team.Owner.Id))[0].Id;
        await service.UpdateShotAsync(Storyboard.EditOf(second) with
        {
            Title = "Third", CameraMove = CameraMove.PanLeft, Seed = 99, Dialogue = [new DialogueEdit(ada, "Two."), new DialogueEdit(ada, "Three.")],
        }, team.People["editor"].Id);
        var third = (await team.Board.ReadAsync()).FindShot(shot.Id)!;

        var version = await Activity.RestoreAsync(shot.Id, wanted, third.Version, team.People["editor"].Id);

        var restored = (await team.Board.ReadAsync()).FindShot(shot.Id)!;
        Assert.Equal(third.Version + 1, version);
        Assert.Equal(("Second", "A **calm** start.", 5.5, 6.0, CameraMove.Static, second.Seed), (restored.Title, restored.Description, restored.DurationSeconds, restored.Guidance, restored.CameraMove, restored.Seed));
        Assert.Equal(["One."], restored.Dialogue.Select(d => d.Text));
        var history = await Activity.ShotHistoryAsync(shot.Id, team.Owner.Id);
        Assert.Equal(4, history.Count);
        Assert.Equal(team.People["editor"].Id, history[0].ActorUserId);
        Assert.Contains(new ActivityFieldChange("Title", "Third", "Second"), history[0].Changes);

        var created = history[^1].Id;
        var first = await Activity.VersionAtAsync(shot.Id, created, team.Owner.Id);
        Assert.Equal(("First", "", 4.0, 7.5), (first.Title, first.Description, first.DurationSeconds, first.Guidance));
        Assert.Empty(first.Dialogue);
    }

    [Fact]
    public async Task Restore_BasedOnAnOutdatedVersion_IsRefused_AndChangesNothing()
    {
        var team = await ApprovalsTeam.CreateAsync(Factory);
        var shot = await team.NewShotAsync("Before");
        await team.Board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = "After" }, team.Owner.Id);
        var created = (await Activity.ShotHistoryAsync(shot.Id, team.Owner.Id))[^1].Id;
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => Activity.RestoreAsync(shot.Id, created, shot.Version, team.Owner.Id));
        var current = (await team.Board.ReadAsync()).FindShot(shot.Id)!;
        var foreign = await Assert.ThrowsAsync<NotFoundException>(() => Activity.RestoreAsync(shot.Id, int.MaxValue, current.Version, team.Owner.Id));
        var latest = (await Activity.ShotHistoryAsync(shot.Id, team.Owner.Id))[0].Id;
        var same = await Assert.ThrowsAsync<StudioInputException>(() => Activity.RestoreAsync(shot.Id, latest, current.Version, team.Owner.Id));

        Assert.Contains("changed by someone else", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("not in this shot's history", foreign.Message, StringComparison.Ordinal);
        Assert.Contains("nothing to restore", same.Message, StringComparison.Ordinal);
        Assert.Equal("After", current.Title);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }
}
