using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ExplainerStudio.Web.Collaboration.Presence;

/// <summary>
/// Who has which project (and shot) open now: one entry per circuit, in memory only. A circuit's entry goes when its
/// page leaves the project, when its connection drops (it comes back if the connection does) and when it closes.
/// Subscribers hear the project whose presence changed and re-read <see cref="InProject"/>; handlers must only hand
/// the notice on (components use InvokeAsync).
/// </summary>
public sealed class ProjectPresence(TimeProvider clock, ILogger<ProjectPresence> logger)
{
    private readonly ConcurrentDictionary<string, PresenceEntry> _entries = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private ImmutableArray<Subscription> _subscriptions = [];

    public void Enter(string circuitId, string userId, string displayName, int projectId, int? shotId)
    {
        PresenceEntry? previous = null;
        var entry = _entries.AddOrUpdate(circuitId,
            _ => new PresenceEntry(circuitId, userId, displayName, projectId, shotId, clock.GetUtcNow()),
            (_, old) =>
            {
                previous = old;
                return old.ProjectId == projectId && old.ShotId == shotId ? old : new PresenceEntry(circuitId, userId, displayName, projectId, shotId, clock.GetUtcNow());
            });
        if (previous is not null && previous.ProjectId != projectId)
        {
            Raise(previous.ProjectId);
        }
        if (!ReferenceEquals(previous, entry))
        {
            Raise(projectId);
        }
    }

    /// <summary>Removes the circuit's entry, or only when it is in <paramref name="projectId"/>.</summary>
    public void Leave(string circuitId, int? projectId = null)
    {
        if (_entries.TryGetValue(circuitId, out var entry) && (projectId is null || entry.ProjectId == projectId)
            && _entries.TryRemove(new KeyValuePair<string, PresenceEntry>(circuitId, entry)))
        {
            Raise(entry.ProjectId);
        }
    }

    public IReadOnlyList<PresenceEntry> InProject(int projectId) =>
        [.. _entries.Values.Where(e => e.ProjectId == projectId).OrderBy(e => e.Since)];

    public IDisposable Subscribe(int projectId, Action handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, handler, projectId);
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }
        return subscription;
    }

    private void Raise(int projectId)
    {
        foreach (var subscription in _subscriptions)
        {
            if (subscription.ProjectId != projectId)
            {
                continue;
            }
            try
            {
                subscription.Handler();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A presence subscriber of project {ProjectId} failed", projectId);
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

    private sealed class Subscription(ProjectPresence owner, Action handler, int projectId) : IDisposable
    {
        public Action Handler { get; } = handler;
        public int ProjectId { get; } = projectId;

        public void Dispose() => owner.Remove(this);
    }
}
