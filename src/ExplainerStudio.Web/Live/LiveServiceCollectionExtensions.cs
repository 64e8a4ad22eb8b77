using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Timeline;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Live updates across nodes under Live:Redis: the render hub on the SignalR Redis backplane, and the change feed
    /// and job notifiers bridged over Redis pub/sub. Without the setting the hub keeps SignalR's in-process lifetime
    /// manager and the bridge does nothing, so the studio is exactly the one-machine studio. Any host that raises
    /// events (a web node, a render worker) calls it; it bridges the feeds the host has.
    /// </summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>()
            .BindConfiguration(LiveOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<LiveNode>();
        services.AddSingleton<LiveConnection>();

        services.AddSignalR();
        services.AddOptions<RedisOptions>().Configure<LiveConnection>((redis, connection) =>
            redis.ConnectionFactory = async log => await connection.GetAsync(log));
        // Only the render hub goes over Redis: Blazor's circuits stay on the node that serves them.
        services.AddSingleton<HubLifetimeManager<RenderHub>>(provider => provider.GetRequiredService<IOptions<LiveOptions>>().Value.IsEnabled
            ? ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<RenderHub>>(provider)
            : ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<RenderHub>>(provider));

        services.AddSingleton(new LiveTopicSource(provider =>
            provider.GetService<ProjectChangeFeed>() is { } feed ? new LiveChangeTopic(feed) : null));
        services.AddSingleton(new LiveTopicSource(provider =>
            provider.GetService<RenderProgressNotifier>() is { } renders ? new LiveJobTopic<RenderEvent>("render", renders.Events) : null));
        services.AddSingleton(new LiveTopicSource(provider =>
            provider.GetService<ExportProgressNotifier>() is { } exports ? new LiveJobTopic<ExportEvent>("export", exports.Events) : null));
        services.AddHostedService<LiveBridge>();
        return services;
    }
}
