namespace ExplainerStudio.Media.Subtitles;

/// <summary>A stretch of speech to subtitle: its words and when they are heard.</summary>
/// <param name="Text">What is said.</param>
/// <param name="Start">When speech starts, from the start of the video.</param>
/// <param name="End">When speech ends.</param>
public sealed record SpokenText(string Text, TimeSpan Start, TimeSpan End);
