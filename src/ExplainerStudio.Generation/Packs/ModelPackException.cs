namespace ExplainerStudio.Generation.Packs;

/// <summary>A model pack is missing or unusable; the message says which and why.</summary>
public sealed class ModelPackException : Exception
{
    /// <summary>Creates the exception for a pack id.</summary>
    public ModelPackException(string packId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        PackId = packId;
    }

    /// <summary>The pack the error is about.</summary>
    public string PackId { get; }
}
