using ExplainerStudio.Web.Storyboards.Import;

namespace ExplainerStudio.Web.Storyboards;

public static class StoryboardServiceCollectionExtensions
{
    public static IServiceCollection AddStoryboards(this IServiceCollection services)
    {
        services.AddSingleton<StoryboardService>();
        services.AddSingleton<StoryboardHandoff>();
        services.AddOptions<ImportOptions>()
            .BindConfiguration(ImportOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ScriptImporter>();
        services.AddSingleton<MarkdownRenderer>();
        return services;
    }
}
