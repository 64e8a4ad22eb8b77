using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The lease settings and this process's identity as a lease owner, shared by every kind of job.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddOptions<JobOptions>()
            .BindConfiguration(JobOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(provider => new JobOwner(provider.GetRequiredService<IOptions<JobOptions>>().Value.NodeName));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>One kind of job on the machinery: its store, signal, running attempts and worker loop.</summary>
    public static IServiceCollection AddJobKind<TJob, TKind>(this IServiceCollection services)
        where TJob : class, IDurableJob
        where TKind : class, IJobKind<TJob>
    {
        services.AddJobs();
        services.AddSingleton<IJobKind<TJob>, TKind>();
        services.AddSingleton<JobStore<TJob>>();
        services.AddSingleton<JobSignal<TJob>>();
        services.AddSingleton<JobCancellations<TJob>>();
        services.AddSingleton<JobWorkerLoop<TJob>>();
        return services;
    }

    /// <summary>Relays a kind's events to the hub's project groups as <paramref name="method"/> messages.</summary>
    public static IServiceCollection AddJobHubRelay<TEvent>(this IServiceCollection services, Func<IServiceProvider, JobNotifier<TEvent>> notifier, string method)
        where TEvent : class, IJobEvent
    {
        services.AddSignalR();
        services.AddHostedService(provider => new JobHubRelay<TEvent>(
            notifier(provider), provider.GetRequiredService<IHubContext<RenderHub>>(), method,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<JobHubRelay<TEvent>>()));
        return services;
    }
}
