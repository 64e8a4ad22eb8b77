namespace ExplainerStudio.Media.Export;

/// <summary>An export cannot be made or its output failed verification; nothing was offered.</summary>
public sealed class ExportException : MediaException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public ExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public ExportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
