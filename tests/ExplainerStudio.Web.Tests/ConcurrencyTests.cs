using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests;

/// <summary>Two people edit from the same version: the second save is refused and the first one's edit is kept.</summary>
[Collection(StudioCollection.Name)]
public class ConcurrencyTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task ShotEdit_BasedOnAnOldVersion_IsRefused_AndTheFirstEditIsKept()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var opened = await board.ShotAsync("S1.1");
        await board.Service.UpdateShotAsync(Storyboard.EditOf(opened) with { Prompt = "first editor", Seed = 1 }, board.Owner.Id);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<EditConflictException>(() =>
            board.Service.UpdateShotAsync(Storyboard.EditOf(opened) with { Prompt = "second editor", Seed = 2 }, board.Owner.Id));

        Assert.Contains("Shot 'S1.1' was changed by someone else", error.Message, StringComparison.Ordinal);
        Assert.Contains("reload", error.Message, StringComparison.Ordinal);
        var kept = await board.ShotAsync("S1.1");
        Assert.Equal(("first editor", 1L, opened.Version + 1), (kept.Prompt, kept.Seed, kept.Version));
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task ShotEdit_AfterTheShotWasRepinned_IsRefused()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var opened = await board.ShotAsync("S1.1");
        await board.Service.RepinReferencesAsync(opened.Id, board.Owner.Id);

        await Assert.ThrowsAsync<EditConflictException>(() =>
            board.Service.UpdateShotAsync(Storyboard.EditOf(opened) with { Prompt = "stale" }, board.Owner.Id));
    }

    [Fact]
    public async Task SceneRename_BasedOnAnOldVersion_IsRefused_AndTheFirstTitleIsKept()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var scene = (await board.ReadAsync()).Scenes[0];
        await board.Service.RenameSceneAsync(scene.Id, scene.Version, board.Owner.Id, "First");

        await Assert.ThrowsAsync<EditConflictException>(() => board.Service.RenameSceneAsync(scene.Id, scene.Version, board.Owner.Id, "Second"));

        Assert.Equal("First", (await board.ReadAsync()).Scenes[0].Title);
    }

    [Fact]
    public async Task CharacterEdit_BasedOnAnOldVersion_IsRefused_AndTheFirstEditIsKept()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        var opened = await board.Characters.GetAsync(characterId, board.Owner.Id);
        var edit = new CharacterEdit(characterId, opened.Version, "Ada", "", "en-gb", 50, 160);
        var newVersion = await board.Characters.UpdateAsync(edit with { Description = "first editor", Pitch = 40 }, board.Owner.Id);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<EditConflictException>(() =>
            board.Characters.UpdateAsync(edit with { Name = "Ada Lovelace", Description = "second editor", Pitch = 60 }, board.Owner.Id));

        Assert.Contains("Character 'Ada' was changed by someone else", error.Message, StringComparison.Ordinal);
        var kept = await board.Characters.GetAsync(characterId, board.Owner.Id);
        Assert.Equal(("Ada", "first editor", 40, newVersion), (kept.Name, kept.Description, kept.Pitch, kept.Version));
        Assert.Equal(opened.Version + 1, newVersion);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task LockingAReferenceSet_ThatChangedSinceItWasOpened_IsRefused_AndTheSetStaysADraft()
    {
        var board = await Storyboard.CreateAsync(Factory);
        var characterId = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "one.png", new MemoryStream(TestImages.Png(32, 32, seed: 1)));
        var opened = (await board.Characters.GetAsync(characterId, board.Owner.Id)).Draft!;
        await board.Characters.AddReferenceImageAsync(characterId, board.Owner.Id, "two.png", new MemoryStream(TestImages.Png(32, 32, seed: 2)));
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<EditConflictException>(() => board.Characters.LockAsync(opened.Id, opened.Version, board.Owner.Id));

        Assert.Contains("Reference set v1 of 'Ada' was changed by someone else", error.Message, StringComparison.Ordinal);
        var draft = (await board.Characters.GetAsync(characterId, board.Owner.Id)).Draft!;
        Assert.False(draft.IsLocked);
        Assert.Equal(["one.png", "two.png"], draft.Images.Select(i => i.DisplayName));
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));

        await board.Characters.LockAsync(draft.Id, draft.Version, board.Owner.Id);

        Assert.True((await board.Characters.GetAsync(characterId, board.Owner.Id)).Sets.Single().IsLocked);
    }
}
