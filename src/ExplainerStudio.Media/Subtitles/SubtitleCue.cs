namespace ExplainerStudio.Media.Subtitles;

/// <summary>One subtitle shown on screen from <paramref name="Start"/> to <paramref name="End"/>.</summary>
/// <param name="Start">When the cue appears, from the start of the video.</param>
/// <param name="End">When the cue disappears.</param>
/// <param name="Text">One or two lines separated by <c>\n</c>.</param>
public sealed record SubtitleCue(TimeSpan Start, TimeSpan End, string Text)
{
    /// <summary>How long the cue is on screen.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>The cue's lines.</summary>
    public IReadOnlyList<string> Lines => Text.Split('\n');
}
