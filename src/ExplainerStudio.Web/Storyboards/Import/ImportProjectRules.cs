namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>What a front matter may set on a project: the name as the editor allows it, a size the renderer can use.</summary>
internal static class ImportProjectRules
{
    public const int MinSide = 64;
    public const int MaxSide = 4096;
    public const int MaxDescriptionLength = 2000;

    public static void Validate(ImportProjectSettings settings)
    {
        if (settings.Title is not null)
        {
            StoryboardRules.RequireName(settings.Title, "project", 120);
        }
        if (settings.Description is { Length: > MaxDescriptionLength })
        {
            throw new StudioInputException($"The project description is {settings.Description.Length} characters; the limit is {MaxDescriptionLength}.");
        }
        if (settings.Description is { } description && description.Any(ImportText.IsRefusedControl))
        {
            throw new StudioInputException("The project description contains control characters; use plain text.");
        }
        foreach (var side in new[] { settings.Width, settings.Height })
        {
            if (side is { } value && (value < MinSide || value > MaxSide || value % 8 != 0))
            {
                throw new StudioInputException(
                    $"A resolution is {MinSide} to {MaxSide} pixels a side, in multiples of 8 (diffusion works on 8×8 blocks), for example 1280x720.");
            }
        }
        if (settings.FrameRate is < 1 or > 120)
        {
            throw new StudioInputException("The frame rate is a whole number of frames per second from 1 to 120, for example 24.");
        }
    }
}
