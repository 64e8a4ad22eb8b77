namespace ExplainerStudio.Media.Audio;

/// <summary>A stretch of speech in a voice-over file, between two silences.</summary>
/// <param name="Start">Where the speech starts in the file.</param>
/// <param name="End">Where it ends.</param>
public sealed record VoiceOverSegment(TimeSpan Start, TimeSpan End)
{
    /// <summary>How long the speech lasts.</summary>
    public TimeSpan Duration => End - Start;
}
