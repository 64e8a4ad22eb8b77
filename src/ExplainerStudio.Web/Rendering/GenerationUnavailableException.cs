namespace ExplainerStudio.Web.Rendering;

/// <summary>Generation cannot run right now (engine failed or starting, pack missing or broken); the message says why.</summary>
public sealed class GenerationUnavailableException(string message) : Exception(message);
