using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Media.Tests.Timeline;

public sealed class DialogueAlignerTests
{
    private static readonly AlignmentOptions Options = new(
        LeadIn: S(0.5), Gap: S(0.25), Tail: S(0.5), MinimumShotDuration: S(1), FramesPerSecond: 24);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static DialogueClip Line(string id, double seconds) => new(id, "Line " + id, S(seconds));

    [Fact]
    public void UnpinnedShot_FitsItsDialogue_WithPadding_RoundedUpToAFrame()
    {
        var shot = new ShotPlan("a", S(10), IsPinned: false, [Line("1", 2), Line("2", 1.51)]);

        AlignedTimeline timeline = DialogueAligner.Align([shot], Options);

        AlignedShot aligned = Assert.Single(timeline.Shots);
        Assert.Equal(S(4.76), aligned.NeededDuration);
        Assert.Equal(115, aligned.Duration.TotalSeconds * 24, 4);
        Assert.False(aligned.Overflows);
        Assert.Equal(S(0.5), aligned.Lines[0].Start);
        Assert.Equal(S(2.75), aligned.Lines[1].Start);
        Assert.Equal(aligned.Duration, timeline.Duration);
    }

    [Fact]
    public void UnpinnedShotWithoutDialogue_KeepsItsPlannedDuration()
    {
        AlignedTimeline timeline = DialogueAligner.Align([new ShotPlan("a", S(3), false, [])], Options);

        Assert.Equal(S(3), timeline.Shots[0].Duration);
        Assert.Equal(TimeSpan.Zero, timeline.Shots[0].NeededDuration);
    }

    [Fact]
    public void UnpinnedShotWithShortDialogue_GetsTheMinimumDuration()
    {
        AlignedTimeline timeline = DialogueAligner.Align([new ShotPlan("a", S(5), false, [Line("1", 0.1)])], Options);

        Assert.Equal(S(1.125), timeline.Shots[0].Duration);
    }

    [Fact]
    public void PinnedShot_KeepsItsDuration_AndFlagsOverflowingLines()
    {
        var shot = new ShotPlan("a", S(3), IsPinned: true, [Line("1", 2), Line("2", 2)]);

        AlignedTimeline timeline = DialogueAligner.Align([shot], Options);

        AlignedShot aligned = timeline.Shots[0];
        Assert.Equal(S(3), aligned.Duration);
        Assert.True(aligned.Overflows);
        Assert.Equal(S(2.25), aligned.OverflowBy);
        Assert.False(aligned.Lines[0].Overflows);
        Assert.True(aligned.Lines[1].Overflows);
        Assert.True(timeline.HasOverflow);
    }

    [Fact]
    public void Transitions_OverlapShots_AndShiftLaterDialogue()
    {
        ShotPlan[] shots =
        [
            new("a", S(4), true, [], new ShotTransition(TransitionKind.Crossfade, S(1))),
            new("b", S(4), true, [Line("1", 1)], ShotTransition.Cut),
            new("c", S(2), true, [], new ShotTransition(TransitionKind.FadeThroughBlack, S(0.5))),
        ];

        AlignedTimeline timeline = DialogueAligner.Align(shots, Options);

        Assert.Equal([S(0), S(3), S(7)], timeline.Shots.Select(shot => shot.Start));
        Assert.Equal(S(3.5), timeline.Shots[1].Lines[0].Start);
        Assert.Equal(S(9), timeline.Duration);
    }

    [Fact]
    public void TransitionLongerThanAShot_IsRefused()
    {
        ShotPlan[] shots =
        [
            new("a", S(1), true, [], new ShotTransition(TransitionKind.Crossfade, S(2))),
            new("b", S(4), true, []),
        ];

        ArgumentException error = Assert.Throws<ArgumentException>(() => DialogueAligner.Align(shots, Options));
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyTimeline_HasZeroDuration()
    {
        AlignedTimeline timeline = DialogueAligner.Align([], Options);

        Assert.Empty(timeline.Shots);
        Assert.Equal(TimeSpan.Zero, timeline.Duration);
    }

    [Fact]
    public void BuildSubtitles_UsesTheAlignedLineTimes()
    {
        AlignedTimeline timeline = DialogueAligner.Align(
            [new ShotPlan("a", S(1), false, [Line("1", 2), Line("2", 1.5)])], Options);

        var cues = timeline.BuildSubtitles();

        Assert.Equal(["Line 1", "Line 2"], cues.Select(cue => cue.Text));
        Assert.Equal(S(0.5), cues[0].Start);
        Assert.Equal(S(2.5), cues[0].End);
        Assert.Equal(S(2.75), cues[1].Start);
        Assert.Equal(S(4.25), cues[1].End);
    }
}
