namespace ExplainerStudio.Media.Timeline;

/// <summary>Padding and rounding used when shot durations are fitted to their dialogue.</summary>
/// <param name="LeadIn">Silence before a shot's first line.</param>
/// <param name="Gap">Silence between two lines of the same shot.</param>
/// <param name="Tail">Silence after a shot's last line.</param>
/// <param name="MinimumShotDuration">The shortest duration alignment gives a shot.</param>
/// <param name="FramesPerSecond">Shot durations are rounded up to whole frames at this rate.</param>
public sealed record AlignmentOptions(
    TimeSpan LeadIn,
    TimeSpan Gap,
    TimeSpan Tail,
    TimeSpan MinimumShotDuration,
    double FramesPerSecond)
{
    /// <summary>0.3 s lead-in, 0.25 s between lines, 0.5 s tail, shots of at least 1 s, 24 fps.</summary>
    public static AlignmentOptions Default { get; } =
        new(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), 24);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(LeadIn, TimeSpan.Zero, nameof(LeadIn));
        ArgumentOutOfRangeException.ThrowIfLessThan(Gap, TimeSpan.Zero, nameof(Gap));
        ArgumentOutOfRangeException.ThrowIfLessThan(Tail, TimeSpan.Zero, nameof(Tail));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumShotDuration, TimeSpan.Zero, nameof(MinimumShotDuration));
        if (!double.IsFinite(FramesPerSecond) || FramesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FramesPerSecond), FramesPerSecond, "The frame rate must be positive.");
        }
    }
}
