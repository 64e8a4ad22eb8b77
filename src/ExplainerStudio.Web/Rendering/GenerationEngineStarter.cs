namespace ExplainerStudio.Web.Rendering;

/// <summary>Starts the engine off the start-up path: loading sessions can take seconds with real packs.</summary>
internal sealed class GenerationEngineStarter(GenerationEngine engine) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(engine.Start, stoppingToken);
}
