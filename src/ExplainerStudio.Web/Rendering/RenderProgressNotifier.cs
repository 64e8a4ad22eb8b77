using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// The in-process fan-out of render events. Blazor components and the hub relay subscribe; the worker publishes.
/// Handlers run on the publishing thread and must only hand the event on (components use InvokeAsync). The latest
/// event of each running job is kept so a page opened mid-render shows the preview at once; everything else a page
/// shows comes from the database.
/// </summary>
public sealed class RenderProgressNotifier(ILogger<RenderProgressNotifier> logger)
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<int, RenderEvent> _latest = new();
    private ImmutableArray<Subscription> _subscriptions = [];

    /// <summary>Receives every event, or those of one project; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<RenderEvent> handler, int? projectId = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler, projectId);
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }
        return subscription;
    }

    public void Publish(RenderEvent renderEvent)
    {
        if (renderEvent.IsFinal)
        {
            _latest.TryRemove(renderEvent.JobId, out _);
        }
        else if (renderEvent.Kind != RenderEventKind.Queued)
        {
            // A progress event without a preview keeps the last preview, so late subscribers still get one.
            _latest.AddOrUpdate(renderEvent.JobId, renderEvent, (_, previous) =>
                renderEvent.PreviewDataUrl is null && previous.PreviewDataUrl is not null
                    ? renderEvent with { PreviewDataUrl = previous.PreviewDataUrl }
                    : renderEvent);
        }

        foreach (var subscription in _subscriptions)
        {
            if (subscription.ProjectId is { } projectId && projectId != renderEvent.ProjectId)
            {
                continue;
            }
            try
            {
                subscription.Handler(renderEvent);
            }
            catch (Exception e)
            {
                // One broken subscriber (a closed circuit) must not stop the render or the other pages.
                logger.LogWarning(e, "A render progress subscriber failed on job {JobId}", renderEvent.JobId);
            }
        }
    }

    /// <summary>The latest event of a job that is running in this process, or null.</summary>
    public RenderEvent? Latest(int jobId) => _latest.TryGetValue(jobId, out var latest) ? latest : null;

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(RenderProgressNotifier owner, Action<RenderEvent> handler, int? projectId) : IDisposable
    {
        public Action<RenderEvent> Handler { get; } = handler;
        public int? ProjectId { get; } = projectId;

        public void Dispose() => owner.Remove(this);
    }
}
