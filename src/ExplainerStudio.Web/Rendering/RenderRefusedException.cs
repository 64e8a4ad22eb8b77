namespace ExplainerStudio.Web.Rendering;

/// <summary>A render that must not start (a character without a locked reference set, a deleted shot); the message says what to do.</summary>
public sealed class RenderRefusedException(string message) : Exception(message);
