namespace ExplainerStudio.Media.Timeline;

/// <summary>A shot as planned, before alignment.</summary>
/// <param name="ShotId">The caller's id for the shot.</param>
/// <param name="PlannedDuration">The duration the user planned.</param>
/// <param name="IsPinned">True when the user fixed the duration; alignment then never changes it.</param>
/// <param name="Lines">The shot's dialogue in speaking order.</param>
/// <param name="TransitionOut">The transition into the next shot (ignored on the last shot).</param>
public sealed record ShotPlan(
    string ShotId,
    TimeSpan PlannedDuration,
    bool IsPinned,
    IReadOnlyList<DialogueClip> Lines,
    ShotTransition? TransitionOut = null);
