using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Collaboration.Presence;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ExplainerStudio.Web.Collaboration;

public static class CollaborationServiceCollectionExtensions
{
    public static IServiceCollection AddCollaboration(this IServiceCollection services)
    {
        services.AddSingleton<ProjectAccess>();
        services.AddSingleton<ProjectChangeFeed>();
        services.AddSingleton<ProjectChangePublisher>();
        services.AddSingleton<ProjectSnapshots>();
        services.AddSingleton<ProjectHubConnections>();
        services.AddHostedService<ProjectChangeHubRelay>();
        services.AddSingleton<ProjectPresence>();
        services.AddScoped<LiveCircuit>();
        services.AddScoped<CircuitHandler, LiveCircuitHandler>();
        services.AddSingleton<MembershipService>();
        services.AddSingleton<InvitationService>();
        return services;
    }
}
