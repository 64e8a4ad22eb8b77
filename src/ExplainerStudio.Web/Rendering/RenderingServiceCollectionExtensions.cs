using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Web.Rendering;

public static class RenderingServiceCollectionExtensions
{
    public static IServiceCollection AddGeneration(this IServiceCollection services)
    {
        services.AddOptions<OnnxRuntimeOptions>()
            .BindConfiguration(OnnxRuntimeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ModelPackOptions>()
            .BindConfiguration(ModelPackOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<GenerationEngine>();
        services.AddHostedService<GenerationEngineStarter>();
        services.AddSingleton<TestRenderService>();
        return services;
    }
}
