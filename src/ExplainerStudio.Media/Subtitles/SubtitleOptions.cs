namespace ExplainerStudio.Media.Subtitles;

/// <summary>Readability limits for subtitle cues.</summary>
/// <param name="MaxCharactersPerLine">The longest line, in characters (42 by common broadcast practice).</param>
/// <param name="MaxLinesPerCue">The most lines shown at once.</param>
/// <param name="MinimumDuration">The shortest time a cue stays on screen.</param>
public sealed record SubtitleOptions(int MaxCharactersPerLine, int MaxLinesPerCue, TimeSpan MinimumDuration)
{
    /// <summary>At most 2 lines of 42 characters, on screen for at least 1 s.</summary>
    public static SubtitleOptions Default { get; } = new(42, 2, TimeSpan.FromSeconds(1));

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCharactersPerLine, 8, nameof(MaxCharactersPerLine));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLinesPerCue, 1, nameof(MaxLinesPerCue));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumDuration, TimeSpan.Zero, nameof(MinimumDuration));
    }
}
