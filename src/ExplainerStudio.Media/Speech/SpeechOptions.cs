namespace ExplainerStudio.Media.Speech;

/// <summary>Settings of scratch speech synthesis.</summary>
public sealed class SpeechOptions
{
    /// <summary>The espeak-ng executable: a bare name looked up on <c>PATH</c> (the default) or a path.</summary>
    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>Folder where generated speech is cached as <c>&lt;hash&gt;.wav</c> (for example <c>data/speech</c>).</summary>
    public string CacheDirectory { get; set; } = string.Empty;

    /// <summary>The longest text synthesised in one line, in characters.</summary>
    public int MaxTextLength { get; set; } = 2000;
}
