namespace ExplainerStudio.Web.Characters;

public static class CharacterServiceCollectionExtensions
{
    public static IServiceCollection AddCharacters(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>()
            .BindConfiguration(UploadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ReferenceImageIngest>();
        services.AddSingleton<CharacterService>();
        return services;
    }
}
