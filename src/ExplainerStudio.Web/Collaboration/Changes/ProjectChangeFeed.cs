using System.Collections.Immutable;

namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// The in-process fan-out of committed project changes: services publish after their commit, open pages and the hub
/// relay subscribe. Handlers run on the publishing thread and must only hand the change on (components use
/// InvokeAsync); a throwing subscriber is logged and never stops the publisher or the other subscribers.
/// </summary>
public sealed class ProjectChangeFeed(ILogger<ProjectChangeFeed> logger)
{
    private readonly object _gate = new();
    private ImmutableArray<Subscription> _subscriptions = [];

    /// <summary>Receives every change, or those of one project; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<ProjectChange> handler, int? projectId = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler, projectId);
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Call only after the change was committed.</summary>
    public void Publish(ProjectChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.OriginCircuitId is null && ProjectChangeOrigin.Current is { } origin)
        {
            change = change with { OriginCircuitId = origin };
        }
        foreach (var subscription in _subscriptions)
        {
            if (subscription.ProjectId is { } projectId && projectId != change.ProjectId)
            {
                continue;
            }
            try
            {
                subscription.Handler(change);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A project change subscriber failed on a {Kind} change of project {ProjectId}", change.Kind, change.ProjectId);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(ProjectChangeFeed owner, Action<ProjectChange> handler, int? projectId) : IDisposable
    {
        public Action<ProjectChange> Handler { get; } = handler;
        public int? ProjectId { get; } = projectId;

        public void Dispose() => owner.Remove(this);
    }
}
