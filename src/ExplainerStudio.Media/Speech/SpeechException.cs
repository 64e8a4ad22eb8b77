namespace ExplainerStudio.Media.Speech;

/// <summary>Scratch speech cannot be made: the voice is unknown, the text is unusable, or espeak-ng failed or is missing.</summary>
public sealed class SpeechException : MediaException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public SpeechException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public SpeechException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
