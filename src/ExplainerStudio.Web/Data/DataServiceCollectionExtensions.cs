using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExplainerStudio.Web.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddStudioData(this IServiceCollection services)
    {
        services.AddOptions<StudioDataOptions>()
            .BindConfiguration(StudioDataOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StudioPaths>();
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddSingleton<ActivityInterceptor>();
        services.AddDbContextFactory<StudioDbContext>((provider, options) =>
        {
            var paths = provider.GetRequiredService<StudioPaths>();
            options.UseSqlite($"Data Source={paths.DatabasePath};Pooling=True;Foreign Keys=True")
                .AddInterceptors(provider.GetRequiredService<SqlitePragmaInterceptor>(), provider.GetRequiredService<ActivityInterceptor>());
        });
        services.AddSingleton<StudioDatabase>();
        services.AddSingleton<StudioFiles>();
        // Take files, shared by every web node and worker (a folder by default; see TakeStoreOptions).
        services.AddOptions<TakeStoreOptions>().BindConfiguration(TakeStoreOptions.SectionName);
        services.TryAddSingleton<ITakeFileStore, FolderTakeFileStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<DataFileSweeper>();
        return services;
    }
}
