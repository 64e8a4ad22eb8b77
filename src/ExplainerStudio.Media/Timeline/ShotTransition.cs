namespace ExplainerStudio.Media.Timeline;

/// <summary>The transition from a shot into the next one.</summary>
/// <param name="Kind">The kind of transition.</param>
/// <param name="Duration">How long the shots overlap; ignored (zero) for a cut.</param>
public sealed record ShotTransition(TransitionKind Kind, TimeSpan Duration)
{
    /// <summary>A hard cut.</summary>
    public static ShotTransition Cut { get; } = new(TransitionKind.Cut, TimeSpan.Zero);

    /// <summary>How much the two shots overlap on the timeline.</summary>
    public TimeSpan Overlap => Kind == TransitionKind.Cut ? TimeSpan.Zero : Duration;
}
