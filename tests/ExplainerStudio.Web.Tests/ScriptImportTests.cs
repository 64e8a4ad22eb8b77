using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests;

[Collection(StudioCollection.Name)]
public sealed class ScriptImportTests(StudioFixture studio)
{
    private const string Script = """
        # Why video is hard

        ## Meet Ada and Pixel
        Ada stands in a bright classroom.

        ADA: Hi! I'm Ada.
        > **Pixel:** Beep.

        ## A video is many pictures
        Note: keep this short.

        # From noise to picture

        ## Start from noise
        PIXEL: Every picture starts as noise.
        NEWTON: And I am new here.
        """;

    private StudioFactory Factory => studio.Factory;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Preview_ShowsThePlan_AndWritesNothing()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var before = await DatabaseSnapshot.TakeAsync(Factory.DatabasePath);

        var plan = await Factory.Get<ScriptImporter>().PreviewAsync(board.ProjectId, board.Owner.Id, Script);

        Assert.Equal((2, 3, 4), (plan.Scenes.Count, plan.ShotCount, plan.DialogueCount));
        Assert.Equal(["Ada", "Pixel", "Newton"], plan.NewCharacters);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory.DatabasePath));
    }

    [Fact]
    public async Task Import_AppendsScenesShotsDialogueAndNewCharacters()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var pixel = await board.AddLockedCharacterAsync("Pixel");

        var plan = await Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, Script);

        Assert.Equal(["Ada", "Newton"], plan.NewCharacters);
        var view = await board.ReadAsync();
        Assert.Equal(["Scene 1", "Why video is hard", "From noise to picture"], view.Scenes.Select(s => s.Title));
        Assert.Equal([["S1.1"], ["Meet Ada and Pixel", "A video is many pictures"], ["Start from noise"]], await board.TitlesAsync());
        await board.AssertDensePositionsAsync();
        Assert.Equal(["Ada", "Newton", "Pixel"], view.Characters.Select(c => c.Name));

        var meet = view.Scenes[1].Shots[0];
        Assert.Equal("Ada stands in a bright classroom.", meet.Description);
        Assert.Equal([("Ada", "Hi! I'm Ada."), ("Pixel", "Beep.")], meet.Dialogue.Select(d => (d.Speaker, d.Text)));
        Assert.Equal(["Ada", "Pixel"], meet.Characters.Select(c => c.Name));
        Assert.Equal(pixel, meet.Characters[1].CharacterId);
        Assert.Equal((1, false), (meet.Characters[1].PinnedSetNumber, meet.Characters[1].IsStale));
        Assert.Null(meet.Characters[0].PinnedSetNumber);
        Assert.Equal("Note: keep this short.", view.Scenes[1].Shots[1].Description);
        Assert.Empty(view.Scenes[1].Shots[1].Dialogue);
    }

    [Fact]
    public async Task Import_ThatFailsWhileWriting_WritesNothing()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var script = Script + "\n\n# Late scene\n\n## Last shot\nZED: This shot cannot be stored.\n";
        var before = await DatabaseSnapshot.TakeAsync(Factory.DatabasePath);
        // A real write failure half-way through: the database itself refuses the last shot, after the new characters,
        // the earlier scenes and their shots were already inserted in the import's transaction.
        await ExecuteAsync("CREATE TRIGGER test_refuse_last_shot BEFORE INSERT ON Shots WHEN NEW.Title = 'Last shot' " +
            "BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END");
        try
        {
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, script));

            Assert.Contains("simulated write failure", error.InnerException?.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER test_refuse_last_shot");
        }

        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory.DatabasePath));
        Assert.Equal([["S1.1"]], await board.TitlesAsync());
        Assert.Empty(await board.Characters.ListAsync(board.ProjectId, board.Owner.Id));

        await Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, script);

        Assert.Equal(["Scene 1", "Why video is hard", "From noise to picture", "Late scene"], (await board.ReadAsync()).Scenes.Select(s => s.Title));
    }

    [Fact]
    public async Task Import_WithASpeakerThatCannotBeACharacter_WritesNothing()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var script = Script + "\n\n# Late scene\n\n## Last shot\n> **Bad\u0007Name:** This speaker cannot be created.\n";
        var before = await DatabaseSnapshot.TakeAsync(Factory.DatabasePath);

        var error = await Assert.ThrowsAsync<StudioInputException>(() => Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, script));

        Assert.Contains("character name contains control characters", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory.DatabasePath));
    }

    [Fact]
    public async Task Import_NeedsTheEditorRole()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var viewer = await Factory.CreateUserAsync();
        await Factory.Get<MembershipService>().AddAsync(board.ProjectId, board.Owner.Id, viewer.Email!, ProjectRole.Viewer);
        var before = await DatabaseSnapshot.TakeAsync(Factory.DatabasePath);

        var error = await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, viewer.Id, Script));

        Assert.True(error.IsMember);
        Assert.Contains("You are a Viewer on this project; this needs the Editor role", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory.DatabasePath));
    }
}
