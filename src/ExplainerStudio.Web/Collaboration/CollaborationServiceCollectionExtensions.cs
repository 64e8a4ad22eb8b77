namespace ExplainerStudio.Web.Collaboration;

public static class CollaborationServiceCollectionExtensions
{
    public static IServiceCollection AddCollaboration(this IServiceCollection services)
    {
        services.AddSingleton<ProjectAccess>();
        services.AddSingleton<MembershipService>();
        return services;
    }
}
