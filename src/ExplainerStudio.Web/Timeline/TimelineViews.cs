using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// The aligned timeline; <paramref name="MusicName"/> names the music lane's track, or is null without one, and
/// <paramref name="EstimatedLines"/> counts the lines timed from an estimate while their scratch speech is made.
/// </summary>
public sealed record TimelineView(
    int ProjectId, int FrameRate, double DurationSeconds, bool HasOverflow, IReadOnlyList<TimelineShotView> Shots, string? MusicName, int EstimatedLines = 0);

public sealed record TimelineShotView(
    int ShotId,
    int SceneId,
    string SceneTitle,
    string Title,
    double StartSeconds,
    double DurationSeconds,
    double PlannedSeconds,
    double NeededSeconds,
    bool IsDurationPinned,
    bool Overflows,
    int? TakeId,
    TransitionKind Transition,
    double TransitionSeconds,
    double TrimInSeconds,
    double? TrimOutSeconds,
    IReadOnlyList<TimelineLineView> Lines)
{
    /// <summary>
    /// The cut's settings as saved, before the timeline fits them (a transition shortened to its neighbours, none after
    /// the last shot): what an edit of the cut starts from and is checked against.
    /// </summary>
    public TimelineCutEdit Cut { get; init; } = TimelineCutEdit.Default;
}

/// <summary>
/// A placed dialogue line; <paramref name="Problem"/> says why it has no audio (an unknown voice, for example) and
/// <paramref name="AudioSource"/> is Scratch, Recorded or VoiceOver; <paramref name="IsEstimated"/> says that
/// <paramref name="DurationSeconds"/> is estimated from the text because its scratch speech is still being made.
/// </summary>
public sealed record TimelineLineView(
    int LineId, string Speaker, string Text, double StartSeconds, double DurationSeconds, bool Overflows, string? Problem, string AudioSource, bool IsEstimated = false);

/// <summary>A cut's settings; a <paramref name="TrimOutSeconds"/> makes the shot last exactly from trim-in to trim-out.</summary>
public sealed record TimelineCutEdit(bool IsDurationPinned, TransitionKind Transition, double TransitionSeconds, double TrimInSeconds, double? TrimOutSeconds = null)
{
    /// <summary>
    /// The saved settings this edit started from (<see cref="TimelineShotView.Cut"/>). When set, the save is refused if
    /// the cut was saved differently since, so an edit never silently replaces another member's; null saves regardless.
    /// </summary>
    public TimelineCutEdit? BasedOn { get; init; }

    /// <summary>The default settings of a shot whose cut was never edited.</summary>
    public static TimelineCutEdit Default { get; } = new(false, TransitionKind.Cut, 0, 0);

    /// <summary>Whether the two settle the cut the same way (a hard cut has no length, so its seconds do not count).</summary>
    public bool SameCutAs(TimelineCutEdit other) =>
        IsDurationPinned == other.IsDurationPinned && Transition == other.Transition
        && (Transition == TransitionKind.Cut || TransitionSeconds == other.TransitionSeconds)
        && TrimInSeconds == other.TrimInSeconds && TrimOutSeconds == other.TrimOutSeconds;
}
