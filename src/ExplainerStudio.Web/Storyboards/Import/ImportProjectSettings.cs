namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>Project settings a script's front matter (or a Fountain title page) asks for; null values leave the project's own.</summary>
public sealed record ImportProjectSettings(string? Title, string? Description, int? Width, int? Height, int? FrameRate);
