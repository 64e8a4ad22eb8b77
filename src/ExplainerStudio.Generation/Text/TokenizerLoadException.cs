namespace ExplainerStudio.Generation.Text;

/// <summary>
/// A tokenizer folder or one of its files is missing, unreadable or malformed. The message names the file and
/// says what was expected.
/// </summary>
public sealed class TokenizerLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public TokenizerLoadException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The folder or file that could not be used.</summary>
    public string Path { get; }
}
