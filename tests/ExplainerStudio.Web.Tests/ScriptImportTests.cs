using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests;

[Collection(StudioCollection.Name)]
public class ScriptImportTests(StudioFixture studio)
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
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var plan = await Factory.Get<ScriptImporter>().PreviewAsync(board.ProjectId, board.Owner.Id, Script);

        Assert.Equal((2, 3, 4), (plan.Scenes.Count, plan.ShotCount, plan.DialogueCount));
        Assert.Equal(["Ada", "Pixel", "Newton"], plan.NewCharacters);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
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
        var before = await DatabaseSnapshot.TakeAsync(Factory);
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

        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
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
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<StudioInputException>(() => Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, script));

        Assert.Contains("character name contains control characters", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task Import_NeedsTheEditorRole()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var viewer = await Factory.CreateUserAsync();
        await Factory.Get<MembershipService>().AddAsync(board.ProjectId, board.Owner.Id, viewer.Email!, ProjectRole.Viewer);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var error = await Assert.ThrowsAsync<ProjectAccessDeniedException>(() => Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, viewer.Id, Script));

        Assert.True(error.IsMember);
        Assert.Contains("You are a Viewer on this project; this needs the Editor role", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    /// <summary>Shaped like a real explainer article: a lead, prose sections, a code sample with '#' comments, a FAQ.</summary>
    private const string Article = """
        ---
        title: How a diffusion model draws
        ---
        Most people meet diffusion models through a text box: type a prompt, wait, get a picture.

        # Where the picture comes from

        A diffusion model never paints. It starts from pure noise, the kind of static an old television shows, and removes a little of it at every step. After twenty or thirty steps, what is left looks like the prompt. The model learned which noise to remove from millions of examples, e.g. photos with captions.

        Each step is small. That is why the process is slow, and why the number of steps matters.

        # Try it yourself

        The studio ships a tiny model, so you can render without a graphics card.

        ```bash
        # install the tools
        ./studio.sh start
        # then open the browser
        ```

        Open the storyboard and press Generate on any shot.

        # FAQ

        ## Why does the same prompt give different pictures?

        Because each render starts from different noise. Fix the seed and the picture repeats.

        ## Do I need a GPU?

        No. A GPU is faster, but the previz pack runs on a CPU in a few seconds per shot.
        """;

    [Fact]
    public async Task Article_ImportsIntoNarratedShots_WithDurations_AndNoSceneFromCode()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);

        var plan = await Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, Article);

        var view = await board.ReadAsync();
        Assert.Equal(["Scene 1", "How a diffusion model draws", "Where the picture comes from", "Try it yourself", "FAQ"], view.Scenes.Select(s => s.Title));
        Assert.Equal("How a diffusion model draws", view.Name);
        Assert.DoesNotContain(view.Scenes, s => s.Title.Contains("install", StringComparison.Ordinal) || s.Title.Contains("browser", StringComparison.Ordinal));
        Assert.Empty(plan.Warnings);
        var imported = view.Scenes.Skip(1).ToList();
        Assert.All(imported, scene => Assert.NotEmpty(scene.Shots));
        var shots = imported.SelectMany(s => s.Shots).ToList();
        Assert.All(shots, shot => Assert.Equal("Narrator", Assert.Single(shot.Dialogue).Speaker));
        Assert.All(shots, shot => Assert.InRange(shot.DurationSeconds, 2, 15));
        Assert.True(imported[1].Shots.Count >= 3, "the long paragraph is split at sentences");
        Assert.Contains(imported[1].Shots, s => s.Dialogue[0].Text.Contains("e.g. photos with captions.", StringComparison.Ordinal));
        Assert.Equal(["Why does the same prompt give different pictures?", "Do I need a GPU?"], imported[3].Shots.Select(s => s.Title));
        Assert.Equal("No. A GPU is faster, but the previz pack runs on a CPU in a few seconds per shot.", imported[3].Shots[1].Dialogue[0].Text);
        var code = Assert.Single(shots, s => s.Description.Contains("# install the tools", StringComparison.Ordinal));
        Assert.Equal(imported[2].Shots[0].Id, code.Id);
        Assert.DoesNotContain("install", code.Dialogue[0].Text, StringComparison.Ordinal);
        Assert.Equal(plan.TotalSeconds, shots.Sum(s => s.DurationSeconds), 1);

        var narrator = Assert.Single(view.Characters);
        var voice = await board.Characters.GetAsync(narrator.Id, board.Owner.Id);
        Assert.Equal(("Narrator", "en-gb", 160), (voice.Name, voice.Voice, voice.Rate));
        await Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, "# More\n\nOne more paragraph of narration.\n");
        Assert.Single((await board.ReadAsync()).Characters);
    }

    [Fact]
    public async Task Fountain_ImportsScenesShotsLines_AndTransitionsOnTheTimeline()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        const string screenplay = "EXT. ROOF - NIGHT\n\nRain on the dome.\n\nADA\n(quietly)\nNoise first.\n\nDISSOLVE TO:\n\nINT. LAB - DAY\n\nA fan hums.\n\nFADE OUT.\n\nINT. HALL - DAY\n\nA door.\n";

        await Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, screenplay);

        var view = await board.ReadAsync();
        Assert.Equal(["Scene 1", "EXT. ROOF - NIGHT", "INT. LAB - DAY", "INT. HALL - DAY"], view.Scenes.Select(s => s.Title));
        var rain = view.Scenes[1].Shots.Single();
        Assert.Equal([("Ada", "Noise first.")], rain.Dialogue.Select(d => (d.Speaker, d.Text)));
        Assert.Contains("- Ada (quietly): Noise first", rain.Description, StringComparison.Ordinal);
        Assert.Equal(["Ada"], rain.Characters.Select(c => c.Name));
        await using var context = await Factory.Get<IDbContextFactory<StudioDbContext>>().CreateDbContextAsync();
        var cuts = await context.TimelineCuts.Where(c => c.Shot!.Scene!.ProjectId == board.ProjectId)
            .Select(c => new { c.Shot!.Title, c.Transition, c.TransitionSeconds }).ToListAsync();
        Assert.Equal(
            [("Rain on the dome", TransitionKind.Crossfade, 0.5), ("A fan hums", TransitionKind.FadeThroughBlack, 1.0)],
            cuts.OrderBy(c => c.Title == "A fan hums").Select(c => (c.Title, c.Transition, c.TransitionSeconds)));
    }

    [Fact]
    public async Task AdjustedPreview_IsWrittenAsAdjusted()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var importer = Factory.Get<ScriptImporter>();
        var plan = await importer.PreviewAsync(board.ProjectId, board.Owner.Id, Article);
        var section = plan.Scenes.Single(s => s.Title == "Where the picture comes from");
        var faq = plan.Scenes.Single(s => s.Title == "FAQ");

        var adjusted = plan
            .MergeWithNext(section.Shots[0].Id)
            .SplitAt(section.Shots[0].Id, 1)
            .RenameShot(section.Shots[0].Id, "Never paints")
            .DropShot(faq.Shots[1].Id)
            .ChangeSpeaker(faq.Shots[0].Id, 0, "Pixel")
            with { ProjectSettings = null };
        await importer.ImportAsync(board.ProjectId, board.Owner.Id, adjusted);

        var view = await board.ReadAsync();
        Assert.StartsWith("Project ", view.Name, StringComparison.Ordinal);
        var written = view.Scenes.Single(s => s.Title == "Where the picture comes from").Shots;
        var expected = adjusted.Scenes.Single(s => s.Title == "Where the picture comes from").Shots;
        Assert.Equal(expected.Select(s => (s.Title, s.Description, s.EstimatedSeconds)), written.Select(s => (s.Title, s.Description, s.DurationSeconds)));
        Assert.Equal("Never paints", written[0].Title);
        Assert.Equal("A diffusion model never paints.", written[0].Dialogue.Single().Text);
        var answer = view.Scenes.Single(s => s.Title == "FAQ").Shots.Single();
        Assert.Equal(("Pixel", "Because each render starts from different noise. Fix the seed and the picture repeats."), (answer.Dialogue[0].Speaker, answer.Dialogue[0].Text));
        Assert.Equal(["Pixel"], answer.Characters.Select(c => c.Name));
        Assert.Equal(["Narrator", "Pixel"], view.Characters.Select(c => c.Name));
    }

    public static TheoryData<string, string> RefusedScripts => new()
    {
        { "# Scene &#7;\n\n## Shot\nADA: Hi.\n", "Line 1: The scene name contains control characters" },
        { "---\nframe_rate: 1000\n---\n# Scene\n\nText.\n", "Line 2: The frame rate is a whole number" },
        { "---\ntitle: [x]\n---\n# Scene\n\nText.\n", "Line 2: the front matter uses a flow collection" },
        { "# Scene\n\n## Shot\n" + string.Join("\n", Enumerable.Range(0, 31).Select(i => $"SPEAKER {(char)('A' + i % 26)}{i}: Hi.")), "would be new character number 31; an import creates at most 30" },
        { "# Scene\n\n" + new string('x', 1500), "Line 3: the text has a word of more than 1000 characters" },
        { "INT. HALL - DAY\n\nBRICK\nHi\u0007.\n", "Line 4: the dialogue line contains the control character U+0007" },
    };

    [Theory]
    [MemberData(nameof(RefusedScripts))]
    public async Task RefusedScript_WritesNothing_InPreviewOrImport(string script, string expected)
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var importer = Factory.Get<ScriptImporter>();
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var preview = await Assert.ThrowsAsync<StudioInputException>(() => importer.PreviewAsync(board.ProjectId, board.Owner.Id, script));
        var import = await Assert.ThrowsAsync<StudioInputException>(() => importer.ImportAsync(board.ProjectId, board.Owner.Id, script));

        Assert.Contains(expected, import.Message, StringComparison.Ordinal);
        Assert.Equal(preview.Message, import.Message);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task TamperedOrStalePlan_WritesNothing()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        var ada = await board.Characters.CreateAsync(board.ProjectId, board.Owner.Id, "Ada", "");
        var importer = Factory.Get<ScriptImporter>();
        var plan = await importer.PreviewAsync(board.ProjectId, board.Owner.Id, Script);
        var scene = plan.Scenes[0];
        var badTitle = plan with { Scenes = [scene with { Shots = [scene.Shots[0] with { Title = "Bad\u0001" }] }, .. plan.Scenes.Skip(1)] };
        var tooLong = plan with { Scenes = [scene with { Shots = [scene.Shots[0] with { Dialogue = [new ImportLine("Ada", new string('a', 1001))] }] }] };
        var unknownSpeaker = plan with { Scenes = [scene with { Shots = [scene.Shots[0] with { Dialogue = [new ImportLine("Ghost", "Boo.")] }] }] };
        var overLimit = plan with { Settings = plan.Settings with { MaxScenes = 500 }, Scenes = [.. Enumerable.Range(0, 201).Select(i => scene with { Id = i })] };
        await board.Characters.DeleteAsync(ada, board.Owner.Id);
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var messages = new List<string>();
        foreach (var refused in new[] { badTitle, tooLong, unknownSpeaker, overLimit, plan })
        {
            messages.Add((await Assert.ThrowsAsync<StudioInputException>(() => importer.ImportAsync(board.ProjectId, board.Owner.Id, refused))).Message);
        }

        Assert.Contains("The shot name contains control characters", messages[0], StringComparison.Ordinal);
        Assert.Contains("is 1001 characters; the limit is 1000", messages[1], StringComparison.Ordinal);
        Assert.Contains("'Ghost' speaks in shot 'Meet Ada and Pixel' but is not among the plan's characters", messages[2], StringComparison.Ordinal);
        Assert.Equal("The plan has 201 scenes; an import creates at most 200. Split the script.", messages[3]);
        Assert.Equal("The character 'Ada' was deleted after the preview; preview the script again.", messages[4]);
        before.AssertSameAs(await DatabaseSnapshot.TakeAsync(Factory));
    }

    [Fact]
    public async Task FrontMatter_SetsTheProjectAndCreatesDeclaredCharacters()
    {
        var board = await Storyboard.CreateAsync(Factory, 1);
        const string script = "---\ntitle: Noise school\nresolution: 1920x1080\nframe_rate: 30\ncharacters:\n  - name: Ada\n    voice: en-gb+f3\n    pitch: 70\n    rate: 190\n---\n# Scene\n\n## Shot\nADA: Hello.\n";

        await Factory.Get<ScriptImporter>().ImportAsync(board.ProjectId, board.Owner.Id, script);

        var view = await board.ReadAsync();
        Assert.Equal(("Noise school", 1920, 1080, 30), (view.Name, view.Width, view.Height, view.FrameRate));
        var ada = await board.Characters.GetAsync(Assert.Single(view.Characters).Id, board.Owner.Id);
        Assert.Equal(("Ada", "en-gb+f3", 70, 190), (ada.Name, ada.Voice, ada.Pitch, ada.Rate));
    }
}
