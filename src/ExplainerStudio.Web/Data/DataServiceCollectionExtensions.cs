using ExplainerStudio.Web.Collaboration.Activity;
using ExplainerStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        services.AddSingleton<SkipLockedInterceptor>();
        services.AddSingleton<ActivityInterceptor>();
        services.AddDbContextFactory<StudioDbContext>((provider, options) =>
        {
            var data = provider.GetRequiredService<IOptions<StudioDataOptions>>().Value;
            if (data.Provider == StudioDatabaseProvider.PostgreSql)
            {
                UsePostgreSql(options, data.ConnectionString!);
                options.AddInterceptors(provider.GetRequiredService<SkipLockedInterceptor>(), provider.GetRequiredService<ActivityInterceptor>());
                return;
            }
            var paths = provider.GetRequiredService<StudioPaths>();
            options.UseSqlite($"Data Source={paths.DatabasePath};Pooling=True;Foreign Keys=True")
                .AddInterceptors(provider.GetRequiredService<SqlitePragmaInterceptor>(), provider.GetRequiredService<ActivityInterceptor>());
        });
        services.AddSingleton<StudioDatabase>();
        services.AddSingleton<StudioFiles>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<DataFileSweeper>();
        return services;
    }

    /// <summary>
    /// The studio's model on PostgreSQL with the migrations scaffolded for SQLite, translated as they run (see
    /// <see cref="PostgreSqlMigrationsSqlGenerator"/>).
    /// </summary>
    internal static DbContextOptionsBuilder UsePostgreSql(DbContextOptionsBuilder options, string connectionString) => options
        .UseNpgsql(connectionString)
        .ReplaceService<IMigrationsSqlGenerator, PostgreSqlMigrationsSqlGenerator>()
        // The snapshot holds the SQLite store types, so the runtime PostgreSQL model always "differs" from it. The
        // check still guards every schema change on SQLite, where the tests build the same model.
        .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
}
