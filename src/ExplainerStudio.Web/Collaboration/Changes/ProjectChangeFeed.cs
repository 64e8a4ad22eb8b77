using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// The in-process fan-out of committed project changes: services publish after their commit, open pages and the hub
/// relay subscribe. A throwing subscriber is logged and never stops the publisher or the other subscribers.
/// </summary>
/// <remarks>
/// Two kinds of subscriber. <see cref="Subscribe"/> runs its handler on the publishing thread, before Publish returns:
/// for relays that only enqueue the change, and for tests that look at what an awaited call published.
/// <see cref="SubscribeInBackground"/> is for open pages: a circuit's InvokeAsync runs the work at once, on the calling
/// thread, when the circuit is idle, and Microsoft.Data.Sqlite's "async" reads complete synchronously, so a page
/// subscribed on the publishing thread re-read and re-rendered inside the publisher's save, and twenty open pages did so
/// one after another (the last one waited for the nineteen before it). Background handlers run on the thread pool, in
/// publish order per subscription, and never see the publisher's async locals.
/// </remarks>
public sealed class ProjectChangeFeed(ILogger<ProjectChangeFeed> logger)
{
    private readonly ILogger<ProjectChangeFeed> _logger = logger;
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<int, long> _latest = new();
    private ImmutableArray<Subscription> _subscriptions = [];
    private long _sequence;

    /// <summary>Receives every change, or those of one project, on the publishing thread; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<ProjectChange> handler, int? projectId = null) => Add(handler, projectId, background: false);

    /// <summary>
    /// Receives every change, or those of one project, on the thread pool in publish order; nothing is delivered after
    /// the result is disposed. What components use.
    /// </summary>
    public IDisposable SubscribeInBackground(Action<ProjectChange> handler, int? projectId = null) => Add(handler, projectId, background: true);

    /// <summary>The <see cref="ProjectChange.Sequence"/> of the project's latest published change (0 for none yet).</summary>
    public long LatestSequence(int projectId) => _latest.GetValueOrDefault(projectId);

    /// <summary>Call only after the change was committed.</summary>
    public void Publish(ProjectChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.OriginCircuitId is null && ProjectChangeOrigin.Current is { } origin)
        {
            change = change with { OriginCircuitId = origin };
        }
        var sequence = Interlocked.Increment(ref _sequence);
        change = change with { Sequence = sequence };
        // Before any subscriber runs: a read a subscriber starts must count as after this change.
        _latest.AddOrUpdate(change.ProjectId, sequence, (_, known) => Math.Max(known, sequence));
        foreach (var subscription in _subscriptions)
        {
            if (subscription.ProjectId is { } projectId && projectId != change.ProjectId)
            {
                continue;
            }
            subscription.Deliver(change);
        }
    }

    private Subscription Add(Action<ProjectChange> handler, int? projectId, bool background)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler, projectId, background);
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }
        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(ProjectChangeFeed owner, Action<ProjectChange> handler, int? projectId, bool background) : IDisposable
    {
        private readonly ConcurrentQueue<ProjectChange> _queue = new();
        private int _draining;
        private volatile bool _disposed;

        public int? ProjectId { get; } = projectId;

        public void Deliver(ProjectChange change)
        {
            if (!background)
            {
                Run(change);
                return;
            }
            _queue.Enqueue(change);
            if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Drain(), this, preferLocal: false);
            }
        }

        // One drain at a time per subscription keeps its changes in publish order.
        private void Drain()
        {
            while (true)
            {
                while (_queue.TryDequeue(out var change))
                {
                    if (!_disposed)
                    {
                        Run(change);
                    }
                }
                Volatile.Write(ref _draining, 0);
                if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }
            }
        }

        private void Run(ProjectChange change)
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                owner._logger.LogWarning(e, "A project change subscriber failed on a {Kind} change of project {ProjectId}", change.Kind, change.ProjectId);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Remove(this);
        }
    }
}
