namespace ExplainerStudio.Media.Audio;

/// <summary>A dialogue line and the voice-over segment proposed for it (null when the segments ran out).</summary>
/// <param name="LineId">The line.</param>
/// <param name="Segment">The proposed segment, for the user to confirm or adjust.</param>
public sealed record VoiceOverMatch(string LineId, VoiceOverSegment? Segment);
