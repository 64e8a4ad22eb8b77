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
    IReadOnlyList<TimelineLineView> Lines);

/// <summary>
/// A placed dialogue line; <paramref name="Problem"/> says why it has no audio (an unknown voice, for example) and
/// <paramref name="AudioSource"/> is Scratch, Recorded or VoiceOver; <paramref name="IsEstimated"/> says that
/// <paramref name="DurationSeconds"/> is estimated from the text because its scratch speech is still being made.
/// </summary>
public sealed record TimelineLineView(
    int LineId, string Speaker, string Text, double StartSeconds, double DurationSeconds, bool Overflows, string? Problem, string AudioSource, bool IsEstimated = false);

/// <summary>A cut's settings; a <paramref name="TrimOutSeconds"/> makes the shot last exactly from trim-in to trim-out.</summary>
public sealed record TimelineCutEdit(bool IsDurationPinned, TransitionKind Transition, double TransitionSeconds, double TrimInSeconds, double? TrimOutSeconds = null);
