namespace ExplainerStudio.Web.Storyboards;

public sealed class NotFoundException(string message) : Exception(message);
