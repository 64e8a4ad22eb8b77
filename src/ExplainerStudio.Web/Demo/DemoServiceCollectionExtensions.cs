namespace ExplainerStudio.Web.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoProject(this IServiceCollection services) =>
        services.AddSingleton<DemoProjectSeeder>();
}
