namespace ExplainerStudio.Generation.Packs.Download;

/// <summary>A pack pull failed; the message says what happened, to which file and what to do. Nothing half-done was installed.</summary>
public sealed class PackDownloadException : Exception
{
    /// <summary>Creates the exception for the pack being pulled.</summary>
    public PackDownloadException(string packName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        PackName = packName;
    }

    /// <summary>The catalogue name of the pack.</summary>
    public string PackName { get; }
}
