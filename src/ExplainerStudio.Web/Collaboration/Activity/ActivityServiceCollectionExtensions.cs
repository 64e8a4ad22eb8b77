using ExplainerStudio.Web.Collaboration.Approvals;

namespace ExplainerStudio.Web.Collaboration.Activity;

public static class ActivityServiceCollectionExtensions
{
    /// <summary>Shot approvals and the activity log (the interceptor is picked up by the studio's DbContext).</summary>
    public static IServiceCollection AddApprovalsAndActivity(this IServiceCollection services)
    {
        services.AddSingleton<ApprovalService>();
        services.AddScoped<ApprovalBoard>();
        services.AddSingleton<ActivityService>();
        return services;
    }

    public static IEndpointRouteBuilder MapApprovalsAndActivity(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApprovalEndpoints();
        endpoints.MapActivityEndpoints();
        return endpoints;
    }
}
