using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Tests;

public sealed class ScriptParserTests
{
    private const int Limit = 64 * 1024;

    private const string Script = """
        # Why video is hard

        ## Meet Ada and Pixel

        Ada stands in a bright classroom.
        Pixel rolls in from the right.

        *Warm, flat colours.*

        ADA: Hi! I'm Ada.
        > **Pixel:** Beep. I make videos out of noise.

        ## A video is many pictures

        Note: keep this shot short.
        Camera: slow pan across a film strip.
        ### Detail heading

        # From noise to picture

        ## Start from noise
        PIXEL: Every picture starts as noise.
        """;

    [Fact]
    public void Headings_BecomeScenesAndShots_AndParagraphsTheDescription()
    {
        var plan = ScriptParser.Parse(Script, Limit, []);

        Assert.Equal(["Why video is hard", "From noise to picture"], plan.Scenes.Select(s => s.Title));
        Assert.Equal(["Meet Ada and Pixel", "A video is many pictures"], plan.Scenes[0].Shots.Select(s => s.Title));
        Assert.Equal(3, plan.ShotCount);
        Assert.Equal(
            "Ada stands in a bright classroom.\nPixel rolls in from the right.\n\n*Warm, flat colours.*",
            plan.Scenes[0].Shots[0].Description);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void CapitalNameLines_AndQuotedBoldNames_AreDialogue()
    {
        var plan = ScriptParser.Parse(Script, Limit, []);

        Assert.Equal(
            [new ImportLine("Ada", "Hi! I'm Ada."), new ImportLine("Pixel", "Beep. I make videos out of noise.")],
            plan.Scenes[0].Shots[0].Dialogue);
        Assert.Equal([new ImportLine("Pixel", "Every picture starts as noise.")], plan.Scenes[1].Shots[0].Dialogue);
        Assert.Equal(3, plan.DialogueCount);
    }

    [Fact]
    public void UnknownSpeakers_BecomeNewCharacters_OnceEach()
    {
        var plan = ScriptParser.Parse(Script, Limit, []);

        Assert.Equal(["Ada", "Pixel"], plan.NewCharacters);
    }

    [Fact]
    public void KnownCharacters_AreMatchedIgnoringCase_AndNotCreatedAgain()
    {
        var plan = ScriptParser.Parse(Script, Limit, ["ada"]);

        Assert.Equal(["Pixel"], plan.NewCharacters);
        Assert.Equal("ada", plan.Scenes[0].Shots[0].Dialogue[0].Speaker);
    }

    [Fact]
    public void NoteLinesAndMixedCaseUnknownNames_StayInTheDescription()
    {
        var plan = ScriptParser.Parse(Script, Limit, []);

        var shot = plan.Scenes[0].Shots[1];
        Assert.Empty(shot.Dialogue);
        Assert.Equal("Note: keep this shot short.\nCamera: slow pan across a film strip.\n### Detail heading", shot.Description);
        Assert.DoesNotContain("Note", plan.NewCharacters);
        Assert.DoesNotContain("Camera", plan.NewCharacters);
    }

    [Fact]
    public void MixedCaseName_IsDialogue_WhenTheCharacterExists()
    {
        var plan = ScriptParser.Parse("# S\n## Shot\nAda: Hello there.\n", Limit, ["Ada"]);

        Assert.Equal([new ImportLine("Ada", "Hello there.")], plan.Scenes[0].Shots[0].Dialogue);
        Assert.Empty(plan.Scenes[0].Shots[0].Description);
    }

    [Fact]
    public void TextAndDialogueOutsideAShot_AreSkippedWithWarnings()
    {
        var plan = ScriptParser.Parse("Intro paragraph.\n# Scene\nScene notes here.\nADA: Too early.\n## Shot\nADA: In the shot.\n", Limit, []);

        Assert.Equal(
            [
                "Line 1: text outside a '##' shot was skipped: \"Intro paragraph.\".",
                "Line 3: text outside a '##' shot was skipped: \"Scene notes here.\".",
                "Line 4: dialogue outside a '##' shot was skipped: \"ADA: Too early.\".",
            ],
            plan.Warnings);
        Assert.Equal([new ImportLine("Ada", "In the shot.")], plan.Scenes[0].Shots[0].Dialogue);
        Assert.Equal(["Ada"], plan.NewCharacters);
    }

    [Fact]
    public void ShotBeforeAnyScene_GoesIntoSceneOne_WithAWarning()
    {
        var plan = ScriptParser.Parse("## Cold open\nPIXEL: Beep.\n# Real scene\n", Limit, []);

        Assert.Equal(["Scene 1", "Real scene"], plan.Scenes.Select(s => s.Title));
        Assert.Equal(["Cold open"], plan.Scenes[0].Shots.Select(s => s.Title));
        Assert.Contains(plan.Warnings, w => w.StartsWith("Line 1: a shot came before any '#' scene heading", StringComparison.Ordinal));
        Assert.Contains("Scene 'Real scene' has no '##' shots; it is created empty.", plan.Warnings);
    }

    [Fact]
    public void WindowsLineEndings_ParseTheSame()
    {
        var unix = ScriptParser.Parse(Script, Limit, []);
        var windows = ScriptParser.Parse(Script.ReplaceLineEndings("\r\n"), Limit, []);

        Assert.Equal(unix.Scenes.Select(s => s.Title), windows.Scenes.Select(s => s.Title));
        Assert.Equal(unix.Scenes.SelectMany(s => s.Shots).Select(s => (s.Title, s.Description)), windows.Scenes.SelectMany(s => s.Shots).Select(s => (s.Title, s.Description)));
        Assert.Equal(unix.Scenes.SelectMany(s => s.Shots).SelectMany(s => s.Dialogue), windows.Scenes.SelectMany(s => s.Shots).SelectMany(s => s.Dialogue));
    }

    [Fact]
    public void HeadingWithoutATitle_IsRefusedWithItsLine()
    {
        var error = Assert.Throws<StudioInputException>(() => ScriptParser.Parse("# Scene\n\n## #\n", Limit, []));

        Assert.Equal("Line 3: the shot heading has no title.", error.Message);
    }

    [Fact]
    public void OverlongShotTitle_IsRefusedWithItsLine()
    {
        var error = Assert.Throws<StudioInputException>(() => ScriptParser.Parse("# Scene\n\n## " + new string('a', 201) + "\n", Limit, []));

        Assert.Equal("Line 3: the shot title is 201 characters; the limit is 200.", error.Message);
    }

    [Theory]
    [InlineData("> ** :** Who is speaking?", "The character needs a name.")]
    [InlineData("> **Bad\u0007Name:** Hello.", "The character name contains control characters; use plain text.")]
    public void SpeakerThatCannotBeACharacter_IsRefusedInThePreview_WithItsLine(string line, string expected)
    {
        var error = Assert.Throws<StudioInputException>(() => ScriptParser.Parse("# Scene\n## Shot\nADA: Fine.\n" + line + "\n", Limit, []));

        Assert.Equal("Line 4: " + expected, error.Message);
    }

    [Fact]
    public void SizeLimit_CountsUtf8Bytes()
    {
        var script = "# Szene\n## Aufnahme\n" + new string('ü', 600);

        Assert.Throws<StudioInputException>(() => ScriptParser.Parse(script, 1024, []));
        Assert.Single(ScriptParser.Parse(script, 2048, []).Scenes);
    }

    [Fact]
    public void DialogueLineOverTheEditorLimit_IsRefusedWithItsLine()
    {
        var script = "# Scene\n## Shot\nADA: " + new string('a', StoryboardRules.MaxDialogueLength + 1) + "\n";

        var error = Assert.Throws<StudioInputException>(() => ScriptParser.Parse(script, Limit, []));

        Assert.StartsWith("Line 3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptionOverTheEditorLimit_IsRefused()
    {
        var script = "# Scene\n## Long shot\n" + new string('x', StoryboardRules.MaxDescriptionLength + 1) + "\n";

        var error = Assert.Throws<StudioInputException>(() => ScriptParser.Parse(script, StoryboardRules.MaxDescriptionLength * 2, []));

        Assert.Contains("Long shot", error.Message, StringComparison.Ordinal);
    }
}
