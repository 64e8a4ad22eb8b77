using ExplainerStudio.Media.Speech;

namespace ExplainerStudio.Web.Timeline;

/// <summary>A line whose scratch speech is wanted: the project that asked (told once it is timed), its key, text and voice.</summary>
public sealed record SpeechRequest(int ProjectId, string Key, string Text, VoiceSettings Voice);
