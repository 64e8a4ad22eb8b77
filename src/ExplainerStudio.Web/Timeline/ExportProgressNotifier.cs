using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Timeline;

/// <summary>Export events on the job machinery's notifier; <see cref="Subscribe"/> returns the handle that ends the subscription.</summary>
public sealed class ExportProgressNotifier(ILogger<ExportProgressNotifier> logger)
{
    /// <summary>The render hub's message for export events: scripts and pages follow exports on the same live channel as renders.</summary>
    public const string HubMethod = "export";

    public JobNotifier<ExportEvent> Events { get; } = new(logger, keepAsLatest: e => e.Status == ExportStatus.Running, mergeLatest: (_, next) => next);

    /// <summary>Subscribes to one project's exports, or to every project's when <paramref name="projectId"/> is null.</summary>
    public IDisposable Subscribe(Action<ExportEvent> handler, int? projectId) => Events.Subscribe(handler, projectId);

    public void Publish(ExportEvent exportEvent) => Events.Publish(exportEvent);

    /// <summary>The latest progress of an export running in this process, or null.</summary>
    public ExportEvent? Latest(int exportId) => Events.Latest(exportId);
}
