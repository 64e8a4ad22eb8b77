using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// The in-process fan-out of one kind of job event. Publishing is serialised, so every subscriber sees the events of
/// all jobs in one and the same order even when several threads publish (a denoising loop and ffmpeg's reader);
/// handlers run on the publishing thread and must only hand the event on (components use InvokeAsync, the hub relay
/// writes to its bounded queue). The latest event of each running job is kept, so a page opened mid-job shows it at
/// once; everything else a page shows comes from the database.
/// </summary>
public sealed class JobNotifier<TEvent>(ILogger logger, Func<TEvent, bool> keepAsLatest, Func<TEvent, TEvent, TEvent> mergeLatest)
    where TEvent : class, IJobEvent
{
    private readonly Lock _publishing = new();
    private readonly Lock _subscribing = new();
    private readonly ConcurrentDictionary<int, TEvent> _latest = new();
    private ImmutableArray<Subscription> _subscriptions = [];

    /// <summary>Receives every event, or those of one project; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<TEvent> handler, int? projectId = null) => Add(new Subscription(this, handler ?? throw new ArgumentNullException(nameof(handler)), projectId, localOnly: false));

    /// <summary>
    /// Receives only the events raised in this process, not those another node sent over Redis: for the hub relay (a
    /// node's events reach every node's hub clients through the backplane from that node alone) and the Redis bridge.
    /// </summary>
    public IDisposable SubscribeLocal(Action<TEvent> handler) => Add(new Subscription(this, handler ?? throw new ArgumentNullException(nameof(handler)), projectId: null, localOnly: true));

    public void Publish(TEvent jobEvent) => Publish(jobEvent, fromAnotherNode: false);

    /// <summary>An event another web node or worker raised, for this process's pages; local-only subscribers skip it.</summary>
    public void PublishFromAnotherNode(TEvent jobEvent) => Publish(jobEvent, fromAnotherNode: true);

    private IDisposable Add(Subscription subscription)
    {
        lock (_subscribing)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }
        return subscription;
    }

    private void Publish(TEvent jobEvent, bool fromAnotherNode)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        lock (_publishing)
        {
            if (jobEvent.IsFinal)
            {
                _latest.TryRemove(jobEvent.JobId, out _);
            }
            else if (keepAsLatest(jobEvent))
            {
                _latest.AddOrUpdate(jobEvent.JobId, jobEvent, (_, previous) => mergeLatest(previous, jobEvent));
            }

            foreach (var subscription in _subscriptions)
            {
                if ((subscription.ProjectId is { } projectId && projectId != jobEvent.ProjectId) || (fromAnotherNode && subscription.LocalOnly))
                {
                    continue;
                }
                try
                {
                    subscription.Handler(jobEvent);
                }
                catch (Exception e)
                {
                    // One broken subscriber (a closed circuit) must not stop the job or the other pages.
                    logger.LogWarning(e, "A progress subscriber failed on job {JobId}", jobEvent.JobId);
                }
            }
        }
    }

    /// <summary>The latest event of a running job, raised here or (with Live:Redis) on another node, or null.</summary>
    public TEvent? Latest(int jobId) => _latest.TryGetValue(jobId, out var latest) ? latest : null;

    private void Remove(Subscription subscription)
    {
        lock (_subscribing)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(JobNotifier<TEvent> owner, Action<TEvent> handler, int? projectId, bool localOnly) : IDisposable
    {
        public Action<TEvent> Handler { get; } = handler;
        public int? ProjectId { get; } = projectId;
        public bool LocalOnly { get; } = localOnly;

        public void Dispose() => owner.Remove(this);
    }
}
