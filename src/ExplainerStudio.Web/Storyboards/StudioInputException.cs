namespace ExplainerStudio.Web.Storyboards;

/// <summary>Input a user gave that the studio refuses; the message says what was wrong and what to do. Nothing was changed.</summary>
public sealed class StudioInputException(string message) : Exception(message);
