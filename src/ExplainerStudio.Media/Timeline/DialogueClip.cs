namespace ExplainerStudio.Media.Timeline;

/// <summary>One dialogue line with its audio's real duration.</summary>
/// <param name="LineId">The caller's id for the line.</param>
/// <param name="Text">What is said (for subtitles).</param>
/// <param name="AudioDuration">The duration of the line's audio, as ffprobe reports it.</param>
/// <param name="AudioPath">The line's audio file, or null when timing is planned before audio exists.</param>
/// <param name="IsEstimated">
/// True when <paramref name="AudioDuration"/> is an estimate from the text because the audio has not been made yet;
/// timing built on it changes once the real duration is known, so it is for showing, never for export.
/// </param>
public sealed record DialogueClip(string LineId, string Text, TimeSpan AudioDuration, string? AudioPath = null, bool IsEstimated = false);
