using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Tests;

[Collection(StudioCollection.Name)]
public class StoryboardServiceTests(StudioFixture studio)
{
    private StudioFactory Factory => studio.Factory;

    [Fact]
    public async Task CreateProject_MakesTheCreatorItsOwner()
    {
        var user = await Factory.CreateUserAsync();
        var service = Factory.Get<StoryboardService>();

        var projectId = await service.CreateProjectAsync(user.Id, "  Solar panels explained  ", "How light becomes power");

        var summary = Assert.Single(await service.ListProjectsAsync(user.Id));
        Assert.Equal(projectId, summary.Id);
        Assert.Equal("Solar panels explained", summary.Name);
        Assert.Equal(ProjectRole.Owner, summary.Role);
        Assert.Equal(ProjectRole.Owner, await Factory.Get<ProjectAccess>().FindRoleAsync(projectId, user.Id));
    }

    [Fact]
    public async Task DuplicateProjectName_ForTheSameOwner_IsRefusedIgnoringCase_AndChangesNothing()
    {
        var user = await Factory.CreateUserAsync();
        var other = await Factory.CreateUserAsync();
        var service = Factory.Get<StoryboardService>();
        await service.CreateProjectAsync(user.Id, "Tides", "");
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<StudioInputException>(() => service.CreateProjectAsync(user.Id, "TIDES", ""));

        Assert.Contains("already own a project named 'TIDES'", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
        await service.CreateProjectAsync(other.Id, "Tides", "");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Line\nbreak")]
    public async Task ProjectName_ThatIsBlankOrHasControlCharacters_IsRefused(string name)
    {
        var user = await Factory.CreateUserAsync();

        var error = await Assert.ThrowsAsync<StudioInputException>(() => Factory.Get<StoryboardService>().CreateProjectAsync(user.Id, name, ""));

        Assert.Contains("project", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Factory.Get<StoryboardService>().ListProjectsAsync(user.Id));
    }

    [Fact]
    public async Task ScenesAndShots_AreCreatedInOrder()
    {
        var board = await Storyboard.CreateAsync(Factory, 2, 3);

        var view = await board.ReadAsync();

        Assert.Equal(["Scene 1", "Scene 2"], view.Scenes.Select(s => s.Title));
        Assert.Equal([["S1.1", "S1.2"], ["S2.1", "S2.2", "S2.3"]], await board.TitlesAsync());
        await board.AssertDensePositionsAsync();
        Assert.All(view.Scenes.SelectMany(s => s.Shots), shot => Assert.Equal(ShotStatus.Draft, shot.Status));
    }

    [Fact]
    public async Task UpdateShot_SavesEveryField_WithPlacementsAndDialogue()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var ada = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        var pixel = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Pixel", "");
        var sceneId = (await board.ReadAsync()).Scenes[0].Id;
        var shotId = await board.Service.AddShotAsync(sceneId, board.Owner.Id, "Opening");
        var shot = await board.ShotAsync("Opening");

        var newVersion = await board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with
        {
            Title = "Opening wide",
            Description = "A **bright** room.",
            Prompt = "a bright classroom",
            NegativePrompt = "blurry",
            CameraMove = CameraMove.DollyIn,
            DurationSeconds = 6.5,
            Seed = 42,
            Steps = 12,
            Guidance = 3,
            ReferenceStrength = 0.4,
            Characters = [new PlacementEdit(ada, 0.3, 0.6, 0.8, 0), new PlacementEdit(pixel, 0.7, 0.65, 0.5, 1)],
            Dialogue = [new DialogueEdit(ada, " Hello! "), new DialogueEdit(pixel, "Beep.")],
        }, board.Owner.Id);

        var saved = await board.ShotAsync("Opening wide");
        Assert.Equal(shotId, saved.Id);
        Assert.Equal(shot.Version + 1, newVersion);
        Assert.Equal(newVersion, saved.Version);
        Assert.Equal(("A **bright** room.", "a bright classroom", "blurry"), (saved.Description, saved.Prompt, saved.NegativePrompt));
        Assert.Equal((CameraMove.DollyIn, 6.5, 42L, 12, 3.0, 0.4), (saved.CameraMove, saved.DurationSeconds, saved.Seed, saved.Steps, saved.Guidance, saved.ReferenceStrength));
        Assert.Equal(["Ada", "Pixel"], saved.Characters.Select(c => c.Name));
        Assert.Equal((0.7, 0.65, 0.5), (saved.Characters[1].X, saved.Characters[1].Y, saved.Characters[1].Scale));
        Assert.Equal([("Ada", "Hello!"), ("Pixel", "Beep.")], saved.Dialogue.Select(d => (d.Speaker, d.Text)));
    }

    [Fact]
    public async Task UpdateShot_WithInvalidValues_IsRefusedAndChangesNothing()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var sceneId = (await board.ReadAsync()).Scenes[0].Id;
        await board.Service.AddShotAsync(sceneId, board.Owner.Id, "Opening");
        var shot = await board.ShotAsync("Opening");
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<StudioInputException>(() =>
            board.Service.UpdateShotAsync(Storyboard.EditOf(shot) with { DurationSeconds = 600 }, board.Owner.Id));

        Assert.Contains("between 0.5 and 60 seconds", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task DeleteShot_RemovesIt_AndKeepsPositionsDense()
    {
        var board = await Storyboard.CreateAsync(Factory, 4);

        await board.Service.DeleteShotAsync((await board.ShotAsync("S1.2")).Id, board.Owner.Id);

        Assert.Equal([["S1.1", "S1.3", "S1.4"]], await board.TitlesAsync());
        await board.AssertDensePositionsAsync();
    }

    [Fact]
    public async Task DeleteScene_RemovesItsShots_AndKeepsScenePositionsDense()
    {
        var board = await Storyboard.CreateAsync(Factory, 1, 2, 1);
        var middle = (await board.ReadAsync()).Scenes[1];

        await board.Service.DeleteSceneAsync(middle.Id, board.Owner.Id);

        Assert.Equal([["S1.1"], ["S3.1"]], await board.TitlesAsync());
        await board.AssertDensePositionsAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => board.Service.AddShotAsync(middle.Id, board.Owner.Id, "Orphan"));
    }

    [Fact]
    public async Task RenameScene_ChangesTheTitle()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var scene = (await board.ReadAsync()).Scenes[0];

        await board.Service.RenameSceneAsync(scene.Id, scene.Version, board.Owner.Id, "Why video is hard");

        Assert.Equal("Why video is hard", (await board.ReadAsync()).Scenes[0].Title);
    }

    [Theory]
    [InlineData(0, new[] { "S1.3", "S1.1", "S1.2", "S1.4" })]
    [InlineData(3, new[] { "S1.1", "S1.2", "S1.4", "S1.3" })]
    [InlineData(99, new[] { "S1.1", "S1.2", "S1.4", "S1.3" })]
    [InlineData(-5, new[] { "S1.3", "S1.1", "S1.2", "S1.4" })]
    public async Task MoveShot_WithinItsScene_ReordersAndKeepsPositionsDense(int newIndex, string[] expected)
    {
        var board = await Storyboard.CreateAsync(Factory, 4);
        var scene = (await board.ReadAsync()).Scenes[0];

        await board.Service.MoveShotAsync((await board.ShotAsync("S1.3")).Id, scene.Id, newIndex, board.Owner.Id);

        Assert.Equal([expected], await board.TitlesAsync());
        await board.AssertDensePositionsAsync();
    }

    [Fact]
    public async Task MoveShot_ToAnotherScene_InsertsItThere_AndKeepsBothScenesDense()
    {
        var board = await Storyboard.CreateAsync(Factory, 3, 2);
        var target = (await board.ReadAsync()).Scenes[1];
        var shot = await board.ShotAsync("S1.1");

        await board.Service.MoveShotAsync(shot.Id, target.Id, 1, board.Owner.Id);

        Assert.Equal([["S1.2", "S1.3"], ["S2.1", "S1.1", "S2.2"]], await board.TitlesAsync());
        Assert.Equal(target.Id, (await board.ShotAsync("S1.1")).SceneId);
        await board.AssertDensePositionsAsync();
    }

    [Fact]
    public async Task MoveShot_ToASceneOfAnotherProject_IsRefused()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var otherBoard = await Storyboard.CreateAsync(Factory, 1);
        var foreignScene = (await otherBoard.ReadAsync()).Scenes[0];
        var shot = await board.ShotAsync("S1.1");
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            board.Service.MoveShotAsync(shot.Id, foreignScene.Id, 0, board.Owner.Id));

        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task MoveScene_ReordersScenes_AndKeepsPositionsDense()
    {
        var board = await Storyboard.CreateAsync(Factory, 1, 1, 1);
        var first = (await board.ReadAsync()).Scenes[0];

        await board.Service.MoveSceneAsync(first.Id, 2, board.Owner.Id);

        Assert.Equal(["Scene 2", "Scene 3", "Scene 1"], (await board.ReadAsync()).Scenes.Select(s => s.Title));
        await board.AssertDensePositionsAsync();

        await board.Service.MoveSceneAsync(first.Id, 0, board.Owner.Id);

        Assert.Equal(["Scene 1", "Scene 2", "Scene 3"], (await board.ReadAsync()).Scenes.Select(s => s.Title));
        await board.AssertDensePositionsAsync();
    }

    [Fact]
    public async Task DuplicateShot_PlacesACopyRightAfterTheSource_WithPlacementsAndDialogue()
    {
        var board = await Storyboard.CreateAsync(Factory, 3);
        var ada = await board.AddLockedCharacterAsync("Ada");
        var source = await board.ShotAsync("S1.2");
        await board.Service.UpdateShotAsync(Storyboard.EditOf(source) with
        {
            Prompt = "a classroom",
            Seed = 7,
            CameraMove = CameraMove.PanLeft,
            Characters = [new PlacementEdit(ada, 0.25, 0.5, 0.9, 2)],
            Dialogue = [new DialogueEdit(ada, "First line."), new DialogueEdit(ada, "Second line.")],
        }, board.Owner.Id);

        var copyId = await board.Service.DuplicateShotAsync(source.Id, board.Owner.Id);

        Assert.Equal([["S1.1", "S1.2", "S1.2 (copy)", "S1.3"]], await board.TitlesAsync());
        await board.AssertDensePositionsAsync();
        var original = await board.ShotAsync("S1.2");
        var copy = await board.ShotAsync("S1.2 (copy)");
        Assert.Equal(copyId, copy.Id);
        Assert.NotEqual(original.Id, copy.Id);
        Assert.Equal((original.Prompt, original.Seed, original.CameraMove), (copy.Prompt, copy.Seed, copy.CameraMove));
        Assert.Equal(original.Characters, copy.Characters);
        Assert.Equal(["First line.", "Second line."], copy.Dialogue.Select(d => d.Text));
        Assert.Empty(copy.Dialogue.Select(d => d.Id).Intersect(original.Dialogue.Select(d => d.Id)));

        await board.Service.DuplicateShotAsync(copyId, board.Owner.Id);

        Assert.Equal([["S1.1", "S1.2", "S1.2 (copy)", "S1.2 (copy 2)", "S1.3"]], await board.TitlesAsync());
    }

    [Fact]
    public async Task DeleteProject_RemovesEverythingInIt()
    {
        var board = await Storyboard.CreateAsync(Factory, 2, 2);
        await board.AddLockedCharacterAsync("Ada");
        var keep = await Storyboard.CreateAsync(Factory, 1);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        await board.Service.DeleteProjectAsync(board.ProjectId, board.Owner.Id);

        var after = await DatabaseSnapshot.TakeAsync(Factory);
        Assert.Equal(before.Rows("Projects") - 1, after.Rows("Projects"));
        Assert.Equal(before.Rows("Scenes") - 2, after.Rows("Scenes"));
        Assert.Equal(before.Rows("Shots") - 4, after.Rows("Shots"));
        Assert.Equal(before.Rows("Characters") - 1, after.Rows("Characters"));
        Assert.Equal(before.Rows("ReferenceImageContents") - 1, after.Rows("ReferenceImageContents"));
        Assert.Empty(await board.Service.ListProjectsAsync(board.Owner.Id));
        Assert.Single((await keep.ReadAsync()).Scenes);
    }
}
