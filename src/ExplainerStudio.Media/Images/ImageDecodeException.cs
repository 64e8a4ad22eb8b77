namespace ExplainerStudio.Media.Images;

/// <summary>
/// A file could not be decoded as an image: it is not PNG, JPEG or WebP, it is corrupt or truncated, or it
/// exceeds the pixel limit. The message names the file and the reason.
/// </summary>
public sealed class ImageDecodeException : MediaException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public ImageDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the failure that caused it.</summary>
    public ImageDecodeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
