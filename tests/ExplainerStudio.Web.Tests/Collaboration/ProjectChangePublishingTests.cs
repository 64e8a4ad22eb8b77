using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;
using ExplainerStudio.Web.Timeline;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>
/// Every service that commits something a member should see publishes it once, after the commit, with who did it;
/// an edit that is refused or rolled back publishes nothing.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class ProjectChangePublishingTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task StoryboardEdits_ArePublishedOnce_WithTheirKindAndActor()
    {
        var board = await Storyboard.CreateAsync(Factory, 2);
        using var changes = new ChangeRecorder(Factory.Get<ProjectChangeFeed>(), board.ProjectId);
        var service = board.Service;
        var owner = board.Owner.Id;
        var sceneId = (await board.ReadAsync()).Scenes[0].Id;
        var shot = await board.ShotAsync("S1.1");

        var added = await changes.OneAsync(() => service.AddSceneAsync(board.ProjectId, owner, "Finale"));
        Assert.Equal((ProjectChangeKind.Scene, owner, board.Owner.DisplayName), (added.Kind, added.ActorUserId, added.ActorName));
        Assert.Contains("Finale", added.Summary, StringComparison.Ordinal);
        var sceneVersion = (await board.ReadAsync()).Scenes[0].Version;
        Assert.Equal(ProjectChangeKind.Scene, (await changes.OneAsync(() => service.RenameSceneAsync(sceneId, sceneVersion, owner, "Opening"))).Kind);
        Assert.Equal(ProjectChangeKind.Scene, (await changes.OneAsync(() => service.MoveSceneAsync(sceneId, 1, owner))).Kind);

        var edited = await changes.OneAsync(() => service.UpdateShotAsync(Storyboard.EditOf(shot) with { Title = "Hello", Prompt = "a sunny classroom" }, owner));
        Assert.Equal((ProjectChangeKind.Shot, shot.Id, shot.Id), (edited.Kind, edited.EntityId, edited.ShotId));
        Assert.Contains("title and prompt", edited.Summary, StringComparison.Ordinal);
        Assert.Null(edited.OriginCircuitId);

        int copyId = 0;
        var duplicated = await changes.OneAsync(async () => copyId = await service.DuplicateShotAsync(shot.Id, owner));
        Assert.Equal(copyId, duplicated.ShotId);
        Assert.Equal(ProjectChangeKind.Shot, (await changes.OneAsync(() => service.MoveShotAsync(copyId, sceneId, 0, owner))).Kind);
        Assert.Equal(ProjectChangeKind.Shot, (await changes.OneAsync(() => service.DeleteShotAsync(copyId, owner))).Kind);
        Assert.Equal(ProjectChangeKind.Shot, (await changes.OneAsync(() => service.RestoreShotAsync(copyId, owner))).Kind);
        Assert.Equal(ProjectChangeKind.Shot, (await changes.OneAsync(() => service.RepinReferencesAsync(copyId, owner))).Kind);
        int newShot = 0;
        var addedShot = await changes.OneAsync(async () => newShot = await service.AddShotAsync(sceneId, owner, "Extra"));
        Assert.Equal((ProjectChangeKind.Shot, newShot), (addedShot.Kind, addedShot.ShotId!.Value));
        Assert.Equal(ProjectChangeKind.Scene, (await changes.OneAsync(() => service.DeleteSceneAsync(sceneId, owner))).Kind);
        Assert.Equal(ProjectChangeKind.Project, (await changes.OneAsync(() => Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, owner, "# Imported\n## One\n"))).Kind);
        var cutShot = (await board.ReadAsync()).Scenes.SelectMany(s => s.Shots).First().Id;
        var cut = await changes.OneAsync(() => Factory.Get<TimelineService>().UpdateCutAsync(cutShot, new TimelineCutEdit(false, TransitionKind.Crossfade, 0.5, 0), owner));
        Assert.Equal((ProjectChangeKind.TimelineCut, cutShot), (cut.Kind, cut.ShotId!.Value));
    }

    [Fact]
    public async Task CharacterAndReferenceSetEdits_ArePublishedOnce()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        using var changes = new ChangeRecorder(Factory.Get<ProjectChangeFeed>(), board.ProjectId);
        var characters = board.Characters;
        var owner = board.Owner.Id;

        var characterId = 0;
        Assert.Equal(ProjectChangeKind.Character, (await changes.OneAsync(async () => characterId = await characters.CreateAsync(board.ProjectId, owner, "Ada", ""))).Kind);
        var version = (await characters.GetAsync(characterId, owner)).Version;
        Assert.Equal(ProjectChangeKind.Character, (await changes.OneAsync(() => characters.UpdateAsync(new CharacterEdit(characterId, version, "Ada", "Teacher", "en-gb", 50, 160), owner))).Kind);
        var imageId = 0;
        Assert.Equal(ProjectChangeKind.ReferenceSet, (await changes.OneAsync(async () =>
            imageId = await characters.AddReferenceImageAsync(characterId, owner, "ada.png", new MemoryStream(TestImages.Png(48, 64, seed: 3))))).Kind);
        await characters.AddReferenceImageAsync(characterId, owner, "ada2.png", new MemoryStream(TestImages.Png(48, 64, seed: 4)));
        Assert.Equal(ProjectChangeKind.ReferenceSet, (await changes.OneAsync(() => characters.RemoveReferenceImageAsync(imageId, owner))).Kind);
        var draft = (await characters.GetAsync(characterId, owner)).Draft!;
        Assert.Equal(ProjectChangeKind.ReferenceSet, (await changes.OneAsync(() => characters.LockAsync(draft.Id, draft.Version, owner))).Kind);
        Assert.Equal(ProjectChangeKind.ReferenceSet, (await changes.OneAsync(() => characters.StartNewVersionAsync(characterId, owner))).Kind);
        Assert.Equal(ProjectChangeKind.Character, (await changes.OneAsync(() => characters.DeleteAsync(characterId, owner))).Kind);
    }

    [Fact]
    public async Task MembershipChanges_ArePublishedOnce()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var member = await Factory.CreateUserAsync();
        var memberships = Factory.Get<MembershipService>();
        using var changes = new ChangeRecorder(Factory.Get<ProjectChangeFeed>(), board.ProjectId);

        var added = await changes.OneAsync(() => memberships.AddAsync(board.ProjectId, board.Owner.Id, member.Email!, ProjectRole.Viewer));
        Assert.Equal(ProjectChangeKind.Membership, added.Kind);
        Assert.Contains(member.DisplayName, added.Summary, StringComparison.Ordinal);
        var membership = (await memberships.ListAsync(board.ProjectId, board.Owner.Id)).Single(m => m.UserId == member.Id);
        Assert.Equal(ProjectChangeKind.Membership, (await changes.OneAsync(() => memberships.ChangeRoleAsync(membership.Id, board.Owner.Id, ProjectRole.Editor))).Kind);
        Assert.Equal(ProjectChangeKind.Membership, (await changes.OneAsync(() => memberships.RemoveAsync(membership.Id, board.Owner.Id))).Kind);
    }

    [Fact]
    public async Task RefusedOrRolledBackEdits_PublishNothing()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var outsider = await Factory.CreateUserAsync();
        var shot = await board.ShotAsync("S1.1");
        var scene = (await board.ReadAsync()).Scenes[0];
        await board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Prompt = "first" }, board.Owner.Id);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Pixel", "");
        var owners = (await Factory.Get<MembershipService>().ListAsync(board.ProjectId, board.Owner.Id)).Single();
        using var changes = new ChangeRecorder(Factory.Get<ProjectChangeFeed>(), board.ProjectId);

        await Assert.ThrowsAsync<EditConflictException>(() => board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Prompt = "stale" }, board.Owner.Id));
        await Assert.ThrowsAsync<StudioInputException>(() => board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { Version = shot.Version + 1, Title = " " }, board.Owner.Id));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => board.Service.AddSceneAsync(board.ProjectId, outsider.Id, "Mine"));
        await Assert.ThrowsAsync<StudioInputException>(() => board.Service.RenameSceneAsync(scene.Id, scene.Version, board.Owner.Id, ""));
        await Assert.ThrowsAsync<StudioInputException>(() => board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "pixel", ""));
        await Assert.ThrowsAsync<StudioInputException>(() => board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "fake.png", new MemoryStream("%PDF-1.4 not a picture"u8.ToArray())));
        await Assert.ThrowsAsync<StudioInputException>(() => Factory.Get<MembershipService>().RemoveAsync(owners.Id, board.Owner.Id));
        await Assert.ThrowsAnyAsync<Exception>(() => Factory.Get<TimelineService>().UpdateCutAsync(shot.Id, new TimelineCutEdit(false, TransitionKind.Crossfade, -1, 0), board.Owner.Id));
        await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, outsider.Id, "# Scene\n## Shot\n"));

        Assert.Empty(changes.Take());
    }
}
