using ExplainerStudio.Web.Storyboards;
using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Tests;

/// <summary>The preview's adjustments: each returns a new plan, keeps the old one, and re-estimates durations.</summary>
public sealed class ScriptImportPlanTests
{
    private const string Script = """
        # Noise

        Every picture starts as noise. The model removes a little of it at every step. After twenty steps a picture remains.

        Then the decoder turns latents into pixels.

        # Sound

        ## Voices

        Scratch speech comes from espeak-ng.
        """;

    private static ScriptImportPlan Plan() => ScriptParser.Parse(Script, ScriptImportSettings.Default with { TargetShotSeconds = 30 }, [], ScriptFormat.Markdown);

    [Fact]
    public void MergeWithNext_JoinsTextsAndNarration_AndTheDurations()
    {
        var plan = Plan();
        var (first, second) = (plan.Scenes[0].Shots[0], plan.Scenes[0].Shots[1]);

        var merged = plan.MergeWithNext(first.Id);

        var shot = Assert.Single(merged.Scenes[0].Shots);
        Assert.Equal(first.Title, shot.Title);
        Assert.Equal(first.Description + " " + second.Description, shot.Description);
        Assert.Equal([new ImportLine("Narrator", first.Dialogue[0].Text + " " + second.Dialogue[0].Text)], shot.Dialogue);
        Assert.True(shot.EstimatedSeconds > Math.Max(first.EstimatedSeconds, second.EstimatedSeconds));
        Assert.True(shot.EstimatedSeconds < first.EstimatedSeconds + second.EstimatedSeconds, "the padding is counted once");
        Assert.Equal(2, plan.Scenes[0].Shots.Count);
    }

    [Fact]
    public void MergeWithNext_OfASceneLastShot_IsRefused()
    {
        var plan = Plan();

        var error = Assert.Throws<StudioInputException>(() => plan.MergeWithNext(plan.Scenes[0].Shots[1].Id));

        Assert.Contains("is the last shot of scene 'Noise'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitAt_ASentence_MakesTwoShots_WithTheirNarration()
    {
        var plan = Plan();
        var shot = plan.Scenes[0].Shots[0];
        Assert.Equal(
            ["Every picture starts as noise.", "The model removes a little of it at every step.", "After twenty steps a picture remains."],
            plan.Sentences(shot.Id));

        var split = plan.SplitAt(shot.Id, 1);

        var shots = split.Scenes[0].Shots;
        Assert.Equal(3, shots.Count);
        Assert.Equal((shot.Id, shot.Title, "Every picture starts as noise."), (shots[0].Id, shots[0].Title, shots[0].Description));
        Assert.Equal([new ImportLine("Narrator", "Every picture starts as noise.")], shots[0].Dialogue);
        Assert.Equal("The model removes a little of it at every step", shots[1].Title);
        Assert.Equal("The model removes a little of it at every step. After twenty steps a picture remains.", shots[1].Dialogue.Single().Text);
        Assert.Equal(shots[1].Description, shots[1].Dialogue.Single().Text);
        Assert.DoesNotContain(shots[1].Id, plan.Scenes.SelectMany(s => s.Shots).Select(s => s.Id));
        Assert.True(shots[0].EstimatedSeconds < shot.EstimatedSeconds);
    }

    [Fact]
    public void SplitThenMerge_GivesBackTheShot()
    {
        var plan = Plan();
        var shot = plan.Scenes[0].Shots[0];

        var back = plan.SplitAt(shot.Id, 2).MergeWithNext(shot.Id);

        Assert.Equal(shot with { Dialogue = [] }, back.Scenes[0].Shots[0] with { Dialogue = [] });
        Assert.Equal(shot.Dialogue, back.Scenes[0].Shots[0].Dialogue);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void SplitAt_OutsideTheSentences_IsRefused(int index)
    {
        var plan = Plan();

        var error = Assert.Throws<StudioInputException>(() => plan.SplitAt(plan.Scenes[0].Shots[0].Id, index));

        Assert.Equal("Choose a sentence from 2 to 3 to start the new shot with.", error.Message);
    }

    [Fact]
    public void RenameShotAndScene_UseTheEditorsRules()
    {
        var plan = Plan();
        var shot = plan.Scenes[0].Shots[0];

        var renamed = plan.RenameShot(shot.Id, "  Static  ").RenameScene(plan.Scenes[1].Id, "Audio");

        Assert.Equal("Static", renamed.Scenes[0].Shots[0].Title);
        Assert.Equal("Audio", renamed.Scenes[1].Title);
        Assert.Equal("The shot name contains control characters; use plain text.",
            Assert.Throws<StudioInputException>(() => plan.RenameShot(shot.Id, "Bad\u0001")).Message);
        Assert.Equal("The scene needs a name.", Assert.Throws<StudioInputException>(() => plan.RenameScene(plan.Scenes[1].Id, " ")).Message);
    }

    [Fact]
    public void ChangeSpeaker_ToANewName_AddsTheCharacter_AndDropsOnesNoLongerUsed()
    {
        var plan = Plan();
        var voices = plan.Scenes[1].Shots[0];

        var changed = plan.ChangeSpeaker(voices.Id, 0, "Pixel");

        Assert.Equal("Pixel", changed.Scenes[1].Shots[0].Dialogue[0].Speaker);
        Assert.Equal(["Narrator", "Pixel"], changed.NewCharacters);
        var allPixel = changed.Scenes[0].Shots.Aggregate(changed, (p, s) => p.ChangeSpeaker(s.Id, 0, "PIXEL"));
        Assert.Equal(["Pixel"], allPixel.NewCharacters);
        Assert.Equal("'Voices' has no line 3.", Assert.Throws<StudioInputException>(() => plan.ChangeSpeaker(voices.Id, 2, "Ada")).Message);
    }

    [Fact]
    public void ChangeSpeaker_PastTheNewCharacterLimit_IsRefused()
    {
        var plan = ScriptParser.Parse(Script, ScriptImportSettings.Default with { MaxNewCharacters = 1 }, [], ScriptFormat.Markdown);

        var error = Assert.Throws<StudioInputException>(() => plan.ChangeSpeaker(plan.Scenes[1].Shots[0].Id, 0, "Pixel"));

        Assert.Equal("An import creates at most 1 new characters; choose one the plan already has.", error.Message);
    }

    [Fact]
    public void DropShot_RemovesIt_AndTheTotalFollows()
    {
        var plan = Plan();
        var dropped = plan.Scenes[0].Shots[1];

        var edited = plan.DropShot(dropped.Id);

        Assert.Equal(plan.ShotCount - 1, edited.ShotCount);
        Assert.Equal(plan.TotalSeconds - dropped.EstimatedSeconds, edited.TotalSeconds, 1);
        Assert.Equal("That shot is no longer in the preview; preview the script again.",
            Assert.Throws<StudioInputException>(() => edited.DropShot(dropped.Id)).Message);
    }
}
