namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// The measured duration of one line's scratch speech, keyed like its cached WAV by a hash of the text and every
/// voice setting (<see cref="Media.Speech.EspeakSpeechSynthesizer.CacheKey"/>). A key never changes meaning, so a row
/// never goes stale: editing the text or the voice makes a new key, and planning then estimates until it is filled.
/// </summary>
public sealed class SpeechDuration
{
    public string Key { get; set; } = "";
    public double DurationSeconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
