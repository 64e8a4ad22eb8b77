using ExplainerStudio.Generation.Consistency;

namespace ExplainerStudio.Web.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>Consistency scores stored with takes (scored after every render), the review board and its report.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>()
            .BindConfiguration(ReviewOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The studio-wide default thresholds; a project may set its own on the review board.
        services.AddOptions<ConsistencyThresholds>()
            .BindConfiguration(ConsistencyThresholds.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ScoringQueue>();
        services.AddSingleton<RenderedFrameStore>();
        services.AddSingleton<TakeClipReader>();
        services.AddSingleton<CutSeamScorer>();
        services.AddSingleton<TakeScorer>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<ConsistencyReportExporter>();
        services.AddHostedService<ScoringWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder endpoints) => endpoints.MapReviewEndpoints();
}
