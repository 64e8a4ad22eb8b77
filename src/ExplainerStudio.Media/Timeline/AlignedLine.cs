namespace ExplainerStudio.Media.Timeline;

/// <summary>A dialogue line placed on the timeline.</summary>
/// <param name="Clip">The line and its audio.</param>
/// <param name="Start">When the line starts, from the start of the video.</param>
/// <param name="Overflows">True when the line ends after its (pinned) shot does.</param>
public sealed record AlignedLine(DialogueClip Clip, TimeSpan Start, bool Overflows)
{
    /// <summary>When the line ends.</summary>
    public TimeSpan End => Start + Clip.AudioDuration;
}
