namespace ExplainerStudio.Media.Timeline;

/// <summary>One dialogue line with its audio's real duration.</summary>
/// <param name="LineId">The caller's id for the line.</param>
/// <param name="Text">What is said (for subtitles).</param>
/// <param name="AudioDuration">The duration of the line's audio, as ffprobe reports it.</param>
/// <param name="AudioPath">The line's audio file, or null when timing is planned before audio exists.</param>
public sealed record DialogueClip(string LineId, string Text, TimeSpan AudioDuration, string? AudioPath = null);
