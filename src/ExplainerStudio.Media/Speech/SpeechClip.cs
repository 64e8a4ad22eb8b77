namespace ExplainerStudio.Media.Speech;

/// <summary>Generated scratch speech for one line.</summary>
/// <param name="Path">The WAV file in the cache.</param>
/// <param name="Duration">Its duration, read from the WAV header (what ffprobe reports for the same file).</param>
/// <param name="CacheKey">The hash of text and voice that names the file.</param>
/// <param name="FromCache">True when the file already existed and nothing was synthesised.</param>
public sealed record SpeechClip(string Path, TimeSpan Duration, string CacheKey, bool FromCache);
