namespace ExplainerStudio.Web.Workers;

public static class WorkersServiceCollectionExtensions
{
    /// <summary>The workers list: what this process can render, its heartbeat row, and the list the queue page reads.</summary>
    public static IServiceCollection AddWorkers(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>()
            .BindConfiguration(WorkerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<WorkerCapabilities>();
        services.AddSingleton<WorkerDirectory>();
        services.AddSingleton<WorkerHeartbeat>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkerHeartbeat>());
        return services;
    }
}
