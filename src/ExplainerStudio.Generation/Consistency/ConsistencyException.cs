namespace ExplainerStudio.Generation.Consistency;

/// <summary>A consistency score cannot be computed from what was given; the message says what to change.</summary>
public sealed class ConsistencyException : Exception
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public ConsistencyException(string message)
        : base(message)
    {
    }
}
