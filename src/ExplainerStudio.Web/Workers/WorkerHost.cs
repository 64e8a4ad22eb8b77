using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Jobs;
using ExplainerStudio.Web.Live;
using ExplainerStudio.Web.Rendering;
using ExplainerStudio.Web.Review;

namespace ExplainerStudio.Web.Workers;

/// <summary>
/// `worker`: this same binary as a render worker and nothing else: a generic host (no Kestrel, no Blazor, no
/// accounts) with the data settings (database, scratch folder), the generation engine over its models folder, the
/// shared take store, the render machinery, the consistency scoring that follows every render and, under Live:Redis,
/// the bridge that carries its progress events to the web nodes. It claims jobs
/// from the shared database exactly like the studio's in-process worker, through the one job machinery. Settings
/// come from appsettings.json, environment variables (Data__Directory=…) and the command line (--Jobs:NodeName=gpu-2).
/// Ctrl+C or SIGTERM stops it cleanly: a job it was running goes back to the queue at once.
/// </summary>
public static class WorkerHost
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = StudioPaths.FindContentRoot(AppContext.BaseDirectory),
        });
        AddWorkerServices(builder.Services);
        using var host = builder.Build();
        await host.Services.GetRequiredService<StudioDatabase>().InitializeAsync(cancellationToken);
        var owner = host.Services.GetRequiredService<JobOwner>();
        var files = host.Services.GetRequiredService<ITakeFileStore>();
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerHost)).LogInformation(
            "Render worker {WorkerId} starting: take store {Store}, models {Models}",
            owner.Id, files.Location, host.Services.GetRequiredService<GenerationEngine>().ModelsDirectory);
        await host.RunAsync(cancellationToken);
        return 0;
    }

    /// <summary>The services of a worker process: the studio's own, less everything that serves people.</summary>
    public static IServiceCollection AddWorkerServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddStudioData();
        services.AddStudioMedia();
        services.AddCollaboration();
        services.AddGeneration();
        services.AddRendering();
        services.AddReview();
        // Under Live:Redis the worker's render progress and the scores it publishes reach every web node.
        services.AddLive();
        // A worker process exists to render, whatever the shared settings say for web nodes.
        services.PostConfigure<RenderingOptions>(options => options.RunWorkers = true);
        services.PostConfigure<WorkerOptions>(options => options.Role = WorkerRole.Worker);
        return services;
    }
}
