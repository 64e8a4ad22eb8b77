namespace ExplainerStudio.Media.Speech;

/// <summary>A voice or variant installed with espeak-ng.</summary>
/// <param name="Language">Its language code (<c>en-us</c>), or <c>variant</c> for a variant.</param>
/// <param name="Name">Its display name.</param>
/// <param name="File">Its file under espeak-ng's data folder, such as <c>gmw/en-US</c> or <c>!v/f3</c>.</param>
public sealed record EspeakVoice(string Language, string Name, string File)
{
    /// <summary>The names espeak-ng accepts for this voice, lower case.</summary>
    internal IEnumerable<string> Aliases()
    {
        yield return Language.ToLowerInvariant();
        yield return Name.ToLowerInvariant();
        yield return File.ToLowerInvariant();
        int slash = File.LastIndexOf('/');
        yield return File[(slash + 1)..].ToLowerInvariant();
    }
}
