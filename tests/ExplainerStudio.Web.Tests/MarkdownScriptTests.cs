using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Tests;

/// <summary>Markdown read as Markdown: code, BOM, line ends, control characters, front matter, lists and quotes.</summary>
public sealed class MarkdownScriptTests
{
    private static readonly ScriptImportSettings Settings = ScriptImportSettings.Default;

    private static ScriptImportPlan Parse(string script, params ImportCharacter[] existing) => ScriptParser.Parse(script, Settings, existing, ScriptFormat.Markdown);

    [Fact]
    public void HashLinesInFencedAndIndentedCode_MakeNoScenesOrShots_AndStayAsTheShotsNotes()
    {
        var plan = Parse("""
            # Setup

            ## Install

            ADA: Run this.

            ```bash
            # install the tools
            ## not a shot either
            ADA: not dialogue
            ```

                # indented code, still code

            # Next
            """);

        Assert.Equal(["Setup", "Next"], plan.Scenes.Select(s => s.Title));
        var shot = Assert.Single(plan.Scenes[0].Shots);
        Assert.Equal([new ImportLine("Ada", "Run this.")], shot.Dialogue);
        Assert.Equal("```bash\n# install the tools\n## not a shot either\nADA: not dialogue\n```\n\n```\n# indented code, still code\n```", shot.Notes);
        Assert.Contains("# install the tools", ScriptImportPlan.StoredDescription(shot), StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMark_WindowsLineEnds_AndTrailingWhiteSpace_ChangeNothing()
    {
        const string script = "# First scene\n\n## Shot one\nA wide view.\n\nADA: Hello.\n\n# Second scene\n\n## Shot two\nPIXEL: Beep.\n";
        var plain = Parse(script);
        var messy = Parse("\uFEFF" + string.Join("\r\n", script.Split('\n').Select(l => l + "  \t")));

        Assert.Equal(["First scene", "Second scene"], messy.Scenes.Select(s => s.Title));
        Assert.Equal(Outline(plain), Outline(messy));
    }

    [Theory]
    [InlineData("# Scene &#7; title\n\n## Shot\nADA: Hi.\n", "Line 1: The scene name contains control characters; use plain text.")]
    [InlineData("# Scene\n\n## Shot &#27;\nADA: Hi.\n", "Line 3: The shot name contains control characters; use plain text.")]
    [InlineData("# Scene\n\n## Shot\nADA: Hi &#8; there.\n", "Line 4: the dialogue line contains the control character U+0008; use plain text.")]
    [InlineData("# Scene\n\n## Shot\nADA: Hi.\n\nA \u0007 bell in the description.\n", "Line 6: the script contains the control character U+0007; remove it (scripts are plain text).")]
    public void ControlCharacters_AreRefused_WithTheirLine(string script, string expected)
    {
        var error = Assert.Throws<StudioInputException>(() => Parse(script));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void OverlongNarration_IsRefusedWithItsLine()
    {
        var error = Assert.Throws<StudioInputException>(() => Parse("# Scene\n\nIntro.\n\n" + new string('x', 1200) + "\n"));

        Assert.StartsWith("Line 5: the text has a word of more than 1000 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FrontMatter_SetsTheProjectAndDeclaresCharactersWithVoices()
    {
        var plan = Parse("""
            ---
            title: "How diffusion works"   # the project's name
            description: >
              A short explainer
              for new users.
            resolution: 1920x1080
            frame_rate: 30
            characters:
              - name: Ada
                voice: en-gb+f3
                pitch: 60
                rate: 180
              - name: Narrator
                voice: en-us+m3
                rate: 150
              - Pixel
            ---
            # Noise

            Every picture starts as noise.
            """);

        Assert.Equal(new ImportProjectSettings("How diffusion works", "A short explainer for new users.", 1920, 1080, 30), plan.ProjectSettings);
        Assert.Equal(
            [("Ada", "en-gb+f3", 60, 180), ("Narrator", "en-us+m3", 50, 150), ("Pixel", "en-us", 50, 165)],
            plan.Characters.Select(c => (c.Name, c.Voice, c.Pitch, c.Rate)));
        Assert.All(plan.Characters, c => Assert.True(c.IsNew && c.IsDeclared));
        Assert.Equal([new ImportLine("Narrator", "Every picture starts as noise.")], plan.Scenes[0].Shots[0].Dialogue);
        Assert.Equal(["Noise"], plan.Scenes.Select(s => s.Title));
    }

    [Theory]
    [InlineData("title: [a, b]", "Line 2: the front matter uses a flow collection")]
    [InlineData("title: X\n\tframe_rate: 3", "Line 3: the front matter indents with a tab")]
    [InlineData("frame_rate: fast", "Line 2: 'frame_rate' is a whole number; 'fast' is not.")]
    [InlineData("frame_rate: 500", "Line 2: The frame rate is a whole number of frames per second from 1 to 120")]
    [InlineData("resolution: 1000x333", "Line 2: A resolution is 64 to 4096 pixels a side, in multiples of 8")]
    [InlineData("resolution: huge", "Line 2: the resolution 'huge' is not width x height")]
    [InlineData("characters:\n  - name: Ada\n    voice: en us", "Line 3: The voice is an espeak-ng voice name")]
    [InlineData("characters:\n  - name: Ada\n    rate: 20", "Line 3: Voice pitch runs from 0 to 99 and rate from 80 to 450")]
    [InlineData("characters:\n  - name: Ada\n    colour: red", "Line 4: a character's settings are voice, pitch, rate and description; 'colour' is not one of them.")]
    [InlineData("title: X\ntitle: Y", "Line 3: the front matter repeats the key 'title'.")]
    [InlineData("title: \"unclosed", "Line 2: the front matter opens a double quote that is not closed")]
    public void BadFrontMatter_IsRefused_WithItsLine(string yaml, string expected)
    {
        var error = Assert.Throws<StudioInputException>(() => Parse("---\n" + yaml + "\n---\n# Scene\n\nText.\n"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFrontMatterKey_IsAWarning()
    {
        var plan = Parse("---\nauthor: Someone\n---\n# Scene\n\nText.\n");

        Assert.Contains("Line 2: the front matter key 'author' is not used (the studio reads title, description, resolution, frame_rate, characters).", plan.Warnings);
        Assert.Null(plan.ProjectSettings);
    }

    [Fact]
    public void ShortList_IsOneShotWithBulletText_AndALinePerItem()
    {
        var plan = Parse("# Steps\n\n- Add noise.\n- Remove it.\n- *Decode* the latents.\n");

        var shot = Assert.Single(plan.Scenes[0].Shots);
        Assert.Equal("- Add noise.\n- Remove it.\n- *Decode* the latents.", shot.Description);
        Assert.Equal(["Add noise.", "Remove it.", "Decode the latents."], shot.Dialogue.Select(l => l.Text));
        Assert.All(shot.Dialogue, l => Assert.Equal("Narrator", l.Speaker));
    }

    [Fact]
    public void LongList_IsOneShotPerItem()
    {
        var items = Enumerable.Range(1, 8).Select(i => $"- Step {i} explains one more part of the pipeline in some detail.");
        var plan = Parse("# Steps\n\n" + string.Join("\n", items) + "\n");

        Assert.Equal(8, plan.Scenes[0].Shots.Count);
        Assert.Equal("Step 3 explains one more part of the pipeline in some detail.", plan.Scenes[0].Shots[2].Description);
        Assert.Equal("Step 3 explains one more part of the pipeline in some detail", plan.Scenes[0].Shots[2].Title);
    }

    [Fact]
    public void BlockQuotes_AreDialogueWhenTheyNameASpeaker_AndNarrationOtherwise()
    {
        var plan = Parse("# Quotes\n\n> **Ada:** Noise is where every picture starts.\n\n> A picture is worth a thousand words.\n");

        var shots = plan.Scenes[0].Shots;
        Assert.Equal([new ImportLine("Ada", "Noise is where every picture starts.")], shots[0].Dialogue);
        Assert.Equal([new ImportLine("Narrator", "A picture is worth a thousand words.")], shots[1].Dialogue);
        Assert.Equal(["Ada", "Narrator"], plan.NewCharacters);
    }

    [Fact]
    public void LongParagraph_IsSplitAtSentences_IntoShotsOfAboutTheTargetLength()
    {
        var paragraph = string.Join(" ", Enumerable.Range(1, 12).Select(i => $"Sentence number {i} tells the viewer one more thing about diffusion."));
        var plan = Parse("# Long\n\n" + paragraph + "\n");

        var shots = plan.Scenes[0].Shots;
        Assert.True(shots.Count >= 4, $"{shots.Count} shots");
        Assert.Equal(paragraph, string.Join(" ", shots.Select(s => s.Dialogue.Single().Text)));
        Assert.All(shots, s => Assert.Equal(s.Description, s.Dialogue.Single().Text));
        var narrator = Settings.Narrator.Rate;
        Assert.All(shots, s => Assert.InRange(SpeechEstimate.Seconds(s.Dialogue[0].Text, narrator), 1, Settings.TargetShotSeconds));
        Assert.All(shots, s => Assert.EndsWith("diffusion.", s.Dialogue[0].Text, StringComparison.Ordinal));
    }

    [Fact]
    public void TargetShotLength_IsASetting()
    {
        var paragraph = string.Join(" ", Enumerable.Range(1, 12).Select(i => $"Sentence number {i} tells the viewer one more thing about diffusion."));

        var shortShots = ScriptParser.Parse("# Long\n\n" + paragraph, Settings with { TargetShotSeconds = 4 }, [], ScriptFormat.Markdown);
        var longShots = ScriptParser.Parse("# Long\n\n" + paragraph, Settings with { TargetShotSeconds = 20 }, [], ScriptFormat.Markdown);

        Assert.True(shortShots.ShotCount > longShots.ShotCount, $"{shortShots.ShotCount} vs {longShots.ShotCount}");
    }

    [Fact]
    public void ExistingNarrator_IsUsed_NotCreatedAgain()
    {
        var plan = Parse("# Scene\n\nSome narration.\n", new ImportCharacter("narrator", false, "en-us", 50, 120));

        Assert.Empty(plan.NewCharacters);
        Assert.Equal("narrator", plan.Scenes[0].Shots[0].Dialogue[0].Speaker);
    }

    [Fact]
    public void Durations_FollowTheSpeakersRate()
    {
        var slow = Parse("# Scene\n\n## Shot\n\nADA: One two three four five six seven eight nine ten.\n", new ImportCharacter("Ada", false, "en-us", 50, 100));
        var fast = Parse("# Scene\n\n## Shot\n\nADA: One two three four five six seven eight nine ten.\n", new ImportCharacter("Ada", false, "en-us", 50, 300));

        Assert.True(slow.TotalSeconds > fast.TotalSeconds * 2, $"{slow.TotalSeconds} vs {fast.TotalSeconds}");
    }

    [Fact]
    public void TablesAndHtml_AreNotSpoken()
    {
        var plan = Parse("# Data\n\nThe numbers follow.\n\n| Steps | Time |\n|---|---|\n| 20 | 4 s |\n\n<div>raw</div>\n");

        var shot = Assert.Single(plan.Scenes[0].Shots);
        Assert.Equal("| Steps | Time |\n|---|---|\n| 20 | 4 s |", shot.Notes);
        Assert.Equal([new ImportLine("Narrator", "The numbers follow.")], shot.Dialogue);
        Assert.Contains("Line 9: HTML was skipped; descriptions are Markdown without HTML.", plan.Warnings);
    }

    [Fact]
    public void NewCharacterLimit_IsEnforcedWithTheLine()
    {
        var lines = string.Join("\n", Enumerable.Range(0, 31).Select(i => $"SPEAKER {(char)('A' + i % 26)}{i}: Hello."));

        var error = Assert.Throws<StudioInputException>(() => Parse("# Scene\n\n## Shot\n\n" + lines + "\n"));

        Assert.StartsWith("Line 35: 'Speaker E30' would be new character number 31; an import creates at most 30.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SceneAndShotLimits_AreEnforcedWithTheLine()
    {
        var scenes = string.Join("\n", Enumerable.Range(1, 4).Select(i => $"# Scene {i}\n\n## Shot\nADA: Hi.\n"));
        var shots = "# Scene\n" + string.Join("\n", Enumerable.Range(1, 4).Select(i => $"## Shot {i}\nADA: Hi.\n"));

        var sceneError = Assert.Throws<StudioInputException>(() => ScriptParser.Parse(scenes, Settings with { MaxScenes = 3 }, [], ScriptFormat.Markdown));
        var shotError = Assert.Throws<StudioInputException>(() => ScriptParser.Parse(shots, Settings with { MaxShots = 3 }, [], ScriptFormat.Markdown));

        Assert.StartsWith("Line 16: the script has more than 3 scenes; an import creates at most 3.", sceneError.Message, StringComparison.Ordinal);
        Assert.StartsWith("Line 11: the script has more than 3 shots; an import creates at most 3.", shotError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeRightUnderAHeading_StaysWithThatHeadingsShot()
    {
        var plan = Parse("# Setup\n\nFirst get the tools.\n\n## Install\n\n```\n# apt-get install ffmpeg\n```\n\nThat is all.\n");

        var shots = plan.Scenes[0].Shots;
        Assert.Equal(["First get the tools", "Install"], shots.Select(s => s.Title));
        Assert.Equal("", shots[0].Notes);
        Assert.Equal("```\n# apt-get install ffmpeg\n```", shots[1].Notes);
        Assert.Equal([new ImportLine("Narrator", "That is all.")], shots[1].Dialogue);
    }

    [Fact]
    public void CodeBeforeTheFirstShotOfAStructuredScene_GoesToThatShot()
    {
        var plan = Parse("# Scene\n\n```\n# not a scene\n```\n\n## Shot\nADA: Hi.\n");

        Assert.Equal(["Scene"], plan.Scenes.Select(s => s.Title));
        Assert.Equal("```\n# not a scene\n```", Assert.Single(plan.Scenes[0].Shots).Notes);
        Assert.Empty(plan.Warnings);
    }

    private static IEnumerable<string> Outline(ScriptImportPlan plan) =>
        plan.Scenes.SelectMany(s => s.Shots.Select(x =>
            $"{s.Title}|{x.Title}|{x.Description}|{x.Notes}|{x.EstimatedSeconds}|{string.Join(";", x.Dialogue.Select(d => d.Speaker + ":" + d.Text))}"));
}
