namespace ExplainerStudio.Media;

/// <summary>
/// An input given to the media library cannot be used: it is not a local file, does not exist, is not
/// readable media, or a frame source produced unusable data.
/// </summary>
public sealed class MediaInputException : MediaException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public MediaInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the failure that caused it.</summary>
    public MediaInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
