namespace ExplainerStudio.Media;

/// <summary>
/// Base of every error the media library raises on purpose. Its message says what was wrong and what to do,
/// so a caller can show <see cref="Exception.Message"/> to the user as it is.
/// </summary>
/// <remarks>Not sealed: it exists so that callers can catch every media failure with one clause.</remarks>
public abstract class MediaException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    protected MediaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the failure that caused it.</summary>
    protected MediaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
