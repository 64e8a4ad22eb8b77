namespace ExplainerStudio.Web.Timeline;

/// <summary>Fans export events out to live pages; <see cref="Subscribe"/> returns the handle that ends the subscription.</summary>
public sealed class ExportProgressNotifier(ILogger<ExportProgressNotifier> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Subscribes to one project's exports, or to every project's when <paramref name="projectId"/> is null.</summary>
    public IDisposable Subscribe(Action<ExportEvent> handler, int? projectId)
    {
        var subscription = new Subscription(this, handler, projectId);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    public void Publish(ExportEvent exportEvent)
    {
        Subscription[] targets;
        lock (_lock)
        {
            targets = [.. _subscriptions.Where(s => s.ProjectId is null || s.ProjectId == exportEvent.ProjectId)];
        }
        foreach (var target in targets)
        {
            try
            {
                target.Handler(exportEvent);
            }
            catch (Exception e)
            {
                // One broken page must not stop the others (or the export) from hearing about progress.
                logger.LogWarning(e, "An export progress subscriber failed");
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(ExportProgressNotifier owner, Action<ExportEvent> handler, int? projectId) : IDisposable
    {
        public Action<ExportEvent> Handler { get; } = handler;
        public int? ProjectId { get; } = projectId;
        public void Dispose() => owner.Remove(this);
    }
}
