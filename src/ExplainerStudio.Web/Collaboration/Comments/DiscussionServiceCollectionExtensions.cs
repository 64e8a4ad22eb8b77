using ExplainerStudio.Web.Collaboration.Notifications;

namespace ExplainerStudio.Web.Collaboration.Comments;

public static class DiscussionServiceCollectionExtensions
{
    /// <summary>Comments on shots and takes, and each user's notification inbox.</summary>
    public static IServiceCollection AddDiscussion(this IServiceCollection services)
    {
        services.AddOptions<DiscussionOptions>()
            .BindConfiguration(DiscussionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<CommentService>();
        services.AddScoped<ShotCommentCounts>();
        services.AddSingleton<NotificationRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationRelay>());
        return services;
    }
}
