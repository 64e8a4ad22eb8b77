using ExplainerStudio.Media.Timeline;
using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Tests;

/// <summary>The constructs of the Fountain syntax, each in a screenplay written here the way the format documents them.</summary>
public sealed class FountainParserTests
{
    private const string Screenplay = """
        Title: **The Noise Machine**
        Credit: Written by
        Author: Ada Lovelace
        Draft date: 1 December 2026

        FADE IN:

        EXT. ROOFTOP LAB - NIGHT

        Rain drums on a glass dome. ADA (30s) wipes a monitor full of static.

        ADA
        (to herself)
        Every picture starts as noise.
        We just remove it.

        PIXEL (V.O.)
        Beep. Signal found.

        CUT TO:

        INT. SERVER ROOM - CONTINUOUS #2#

        Racks blink in the dark. [[Lighting: keep it blue.]]

        /* A cut subplot:
        BOB
        I should not be here.
        */

        @McCLANE
        Which one of these is the model?

        ADA ^
        (pointing)
        The warm one.

        DISSOLVE TO:

        .FLASHBACK - THE FIRST RENDER

        !SILENCE. A single grey frame.

        > FADE TO BLACK.

        I/E. CAR - DAY

        = The drive home.
        # Act two

        ===

        Ada drives; Pixel hums.

        > THE END <

        FADE OUT.
        """;

    private static ScriptImportPlan Parse(string script) => ScriptParser.Parse(script, ScriptImportSettings.Default, [], ScriptFormat.Fountain);

    [Fact]
    public void SceneHeadings_PlainForcedAndNumbered_BecomeScenes()
    {
        var plan = Parse(Screenplay);

        Assert.Equal(["EXT. ROOFTOP LAB - NIGHT", "INT. SERVER ROOM - CONTINUOUS", "FLASHBACK - THE FIRST RENDER", "I/E. CAR - DAY"], plan.Scenes.Select(s => s.Title));
    }

    [Fact]
    public void ActionParagraphs_BecomeShots_WithTheActionAsDescription()
    {
        var plan = Parse(Screenplay);

        var opening = Assert.Single(plan.Scenes[0].Shots);
        Assert.Equal("Rain drums on a glass dome", opening.Title);
        Assert.Equal("Rain drums on a glass dome. ADA (30s) wipes a monitor full of static.", opening.Description);
        Assert.Equal("SILENCE. A single grey frame.", plan.Scenes[2].Shots.Single().Description);
        Assert.Equal(["Ada drives; Pixel hums.", "THE END"], plan.Scenes[3].Shots.Select(s => s.Description));
    }

    [Fact]
    public void CharacterCues_WithExtensionsAndParentheticals_BecomeLinesWithDeliveryNotes()
    {
        var plan = Parse(Screenplay);

        Assert.Equal(
            [new ImportLine("Ada", "Every picture starts as noise. We just remove it.", "to herself"), new ImportLine("Pixel", "Beep. Signal found.", "V.O.")],
            plan.Scenes[0].Shots[0].Dialogue);
        Assert.Equal(
            [new ImportLine("McCLANE", "Which one of these is the model?"), new ImportLine("Ada", "The warm one.", "pointing")],
            plan.Scenes[1].Shots[0].Dialogue);
        Assert.Equal(["Ada", "Pixel", "McCLANE"], plan.NewCharacters);
        Assert.Contains("- Ada (to herself): Every picture starts as noise", ScriptImportPlan.StoredDescription(plan.Scenes[0].Shots[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Transitions_BecomeTheCutIntoTheNextShot()
    {
        var plan = Parse(Screenplay);

        Assert.Equal(TransitionKind.Cut, plan.Scenes[0].Shots[0].TransitionAfter);
        Assert.Equal(TransitionKind.Crossfade, plan.Scenes[1].Shots[0].TransitionAfter);
        Assert.Equal(TransitionKind.FadeThroughBlack, plan.Scenes[2].Shots[0].TransitionAfter);
        Assert.Equal(TransitionKind.FadeThroughBlack, plan.Scenes[3].Shots[^1].TransitionAfter);
        Assert.Null(plan.Scenes[3].Shots[0].TransitionAfter);
    }

    [Fact]
    public void BoneyardNotesSectionsSynopsesAndPageBreaks_AreNotImported()
    {
        var plan = Parse(Screenplay);

        var texts = plan.Scenes.SelectMany(s => s.Shots).SelectMany(s => new[] { s.Title, s.Description }.Concat(s.Dialogue.Select(l => l.Text))).ToList();
        Assert.DoesNotContain(texts, t => t.Contains("Lighting", StringComparison.Ordinal) || t.Contains("subplot", StringComparison.Ordinal)
            || t.Contains("should not be here", StringComparison.Ordinal) || t.Contains("drive home", StringComparison.Ordinal)
            || t.Contains("Act two", StringComparison.Ordinal) || t.Contains("===", StringComparison.Ordinal));
        Assert.DoesNotContain("Bob", plan.NewCharacters);
        Assert.Equal("Racks blink in the dark.", plan.Scenes[1].Shots[0].Description);
    }

    [Fact]
    public void TitlePage_NamesTheProject_AndIsNotAScene()
    {
        var plan = Parse(Screenplay);

        Assert.Equal(new ImportProjectSettings("The Noise Machine", "A screenplay by Ada Lovelace.", null, null, null), plan.ProjectSettings);
        Assert.DoesNotContain(plan.Scenes, s => s.Title.Contains("Noise Machine", StringComparison.Ordinal));
    }

    [Fact]
    public void Durations_AreEstimatedFromTheDialogue()
    {
        var plan = Parse(Screenplay);

        var talking = plan.Scenes[0].Shots[0];
        Assert.InRange(talking.EstimatedSeconds, 4, 12);
        Assert.Equal(ScriptImportSettings.Default.SilentShotSeconds, plan.Scenes[2].Shots[0].EstimatedSeconds);
        Assert.Equal(plan.Scenes.Sum(s => s.Shots.Sum(x => x.EstimatedSeconds)), plan.TotalSeconds, 1);
    }

    [Fact]
    public void AnUppercaseLineFollowedByABlankLine_IsAction_NotACue()
    {
        var plan = Parse("INT. HALL - DAY\n\nTHE DOOR SLAMS.\n\nBRICK\nWho's there?\n");

        var shot = Assert.Single(plan.Scenes[0].Shots);
        Assert.Equal("THE DOOR SLAMS.", shot.Description);
        Assert.Equal([new ImportLine("Brick", "Who's there?")], shot.Dialogue);
    }

    [Fact]
    public void DialogueBeforeAnyAction_GetsAShotNamedAfterTheScene()
    {
        var plan = Parse("EXT. PARK - DAY\n\nSTEEL\nNice day.\n");

        var shot = Assert.Single(plan.Scenes[0].Shots);
        Assert.Equal("EXT. PARK - DAY", shot.Title);
        Assert.Equal([new ImportLine("Steel", "Nice day.")], shot.Dialogue);
    }

    [Fact]
    public void UnknownTransition_IsACut_WithAWarning()
    {
        var plan = Parse("INT. A - DAY\n\nOne.\n\nWIPE TO:\n\nINT. B - DAY\n\nTwo.\n");

        Assert.Equal(TransitionKind.Cut, plan.Scenes[0].Shots[0].TransitionAfter);
        Assert.Contains("Line 5: the timeline has no 'WIPE TO:'; it is a cut.", plan.Warnings);
    }

    [Fact]
    public void PastedScreenplay_IsDetected_AndMarkdownIsNot()
    {
        Assert.Equal(ScriptFormat.Fountain, ScriptParser.Detect(null, "INT. HALL - DAY\n\nA door.\n"));
        Assert.Equal(ScriptFormat.Fountain, ScriptParser.Detect("film.fountain", "A door.\n"));
        Assert.Equal(ScriptFormat.Markdown, ScriptParser.Detect(null, "# INT. HALL\n\nINT. HALL - DAY\n\nA door.\n"));
        Assert.Equal(ScriptFormat.Markdown, ScriptParser.Detect("notes.md", "INT. HALL - DAY\n\nA door.\n"));
        Assert.Equal(2, ScriptParser.Parse("INT. HALL - DAY\n\nA door.\n\nEXT. YARD - NIGHT\n\nA dog.\n", ScriptImportSettings.Default, [], ScriptFormat.Auto).Scenes.Count);
    }

    [Fact]
    public void ControlCharacterInDialogue_IsRefusedWithItsLine()
    {
        var error = Assert.Throws<StudioInputException>(() => Parse("INT. HALL - DAY\n\nBRICK\nHello\u0007 there.\n"));

        Assert.Equal("Line 4: the dialogue line contains the control character U+0007; use plain text.", error.Message);
    }

    [Fact]
    public void ScriptWithoutScenesOrAction_IsRefused()
    {
        var error = Assert.Throws<StudioInputException>(() => Parse("Title: Nothing here\n\n/* all cut */\n"));

        Assert.Contains("no scene headings", error.Message, StringComparison.Ordinal);
    }
}
