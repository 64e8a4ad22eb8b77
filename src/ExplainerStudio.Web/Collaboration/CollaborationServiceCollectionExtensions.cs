using ExplainerStudio.Web.Collaboration.Changes;

namespace ExplainerStudio.Web.Collaboration;

public static class CollaborationServiceCollectionExtensions
{
    public static IServiceCollection AddCollaboration(this IServiceCollection services)
    {
        services.AddSingleton<ProjectAccess>();
        services.AddSingleton<ProjectChangeFeed>();
        services.AddSingleton<MembershipService>();
        services.AddSingleton<InvitationService>();
        return services;
    }
}
