namespace ExplainerStudio.Media.Timeline;

/// <summary>A shot placed on the timeline.</summary>
/// <param name="Plan">The shot as planned.</param>
/// <param name="Start">When the shot starts, from the start of the video (a transition into it overlaps the previous shot).</param>
/// <param name="Duration">The shot's duration after alignment.</param>
/// <param name="NeededDuration">What its dialogue needs with padding (zero without dialogue).</param>
/// <param name="Lines">Its dialogue lines, placed.</param>
public sealed record AlignedShot(
    ShotPlan Plan,
    TimeSpan Start,
    TimeSpan Duration,
    TimeSpan NeededDuration,
    IReadOnlyList<AlignedLine> Lines)
{
    /// <summary>True when the shot is pinned shorter than its dialogue needs.</summary>
    public bool Overflows => NeededDuration > Duration;

    /// <summary>By how much the dialogue overflows the shot (zero when it fits).</summary>
    public TimeSpan OverflowBy => Overflows ? NeededDuration - Duration : TimeSpan.Zero;

    /// <summary>When the shot ends.</summary>
    public TimeSpan End => Start + Duration;
}
