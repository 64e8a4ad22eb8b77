namespace ExplainerStudio.Web.Collaboration.Changes;

/// <summary>
/// One read per project per change, shared by every open page that re-reads for it: when a member saves, each of the
/// other members' pages used to run the same storyboard queries on its own (20 open pages, 20 identical reads on a
/// 2-core machine). A read is shared only between pages reacting to a change (<see cref="ProjectChangeReaction"/>), and
/// only if it started after that change was published and less than <see cref="MaxAge"/> ago, so a page never shows
/// less than a read of its own started at the moment of the change would. Only user-independent rows are shared; the
/// caller checks the user's access itself, every time.
/// </summary>
public sealed class ProjectSnapshots(ProjectChangeFeed feed, TimeProvider clock)
{
    /// <summary>
    /// How long a shared read is offered: long enough for every open page to react to one change, short enough that a
    /// write some service forgot to publish is never hidden for long.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly Dictionary<(int ProjectId, string What), Snapshot> _snapshots = [];

    /// <summary>
    /// The result of <paramref name="read"/> for the project, shared with the other pages reacting to the same change;
    /// outside a reaction (or for another project) simply <paramref name="read"/>. <paramref name="what"/> names the
    /// read ("storyboard"); the result must not depend on the user and must not be changed by callers.
    /// </summary>
    public Task<T> ReadAsync<T>(int projectId, string what, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        if (ProjectChangeReaction.Current is not { } change || change.ProjectId != projectId)
        {
            return read(cancellationToken);
        }
        var key = (projectId, what);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_snapshots.TryGetValue(key, out var known) && known.After >= change.Sequence && now - known.StartedAt < MaxAge
                && known.Read is Task<T> { IsFaulted: false, IsCanceled: false } shared)
            {
                return shared.WaitAsync(cancellationToken);
            }
            Sweep(now);
            // Taken before the read starts: every change up to this one is in what it reads.
            var after = feed.LatestSequence(projectId);
            // Off this circuit's thread (SQLite's reads are synchronous) and not cancelled by any one page: others wait on it.
            var started = Task.Run(() => read(CancellationToken.None), CancellationToken.None);
            _snapshots[key] = new Snapshot(after, now, started);
            return started.WaitAsync(cancellationToken);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, snapshot) in _snapshots)
        {
            if (now - snapshot.StartedAt >= MaxAge)
            {
                _snapshots.Remove(key);
            }
        }
    }

    private sealed record Snapshot(long After, DateTimeOffset StartedAt, Task Read);
}
