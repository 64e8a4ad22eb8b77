using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Workers;

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
        services.AddSingleton<PackPullService>();
        return services;
    }

    /// <summary>The durable render queue, its workers, takes, and live progress (notifier and hub).</summary>
    public static IServiceCollection AddRendering(this IServiceCollection services)
    {
        services.AddOptions<RenderingOptions>()
            .BindConfiguration(RenderingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RenderProgressNotifier>();
        services.AddJobKind<RenderJob, RenderJobKind>();
        services.AddSingleton<RenderQueue>();
        services.AddSingleton<TakeService>();
        services.AddSingleton<TakeStore>();
        services.AddSingleton<ShotRenderer>();
        services.AddSingleton<RenderJobRecovery>();
        services.AddWorkers();
        services.AddHostedService<RenderWorker>();
        services.AddJobHubRelay(provider => provider.GetRequiredService<RenderProgressNotifier>().Events, RenderHub.ProgressMethod);
        return services;
    }

    public static IEndpointRouteBuilder MapRendering(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRenderEndpoints();
        endpoints.MapHub<RenderHub>(RenderHub.Path);
        return endpoints;
    }
}
