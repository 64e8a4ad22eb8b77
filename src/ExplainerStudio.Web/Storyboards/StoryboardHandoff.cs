using ExplainerStudio.Web.Collaboration.Changes;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>
/// Hands the storyboard the prerender read to the circuit that follows it, so opening a board reads its rows once, not
/// twice (a 1,000-shot board is thousands of rows). The circuit takes it only if it is the same user's board, no change
/// to the project was published since the read started, and it is younger than <see cref="MaxAge"/>; otherwise it reads
/// again. Taking removes it, and what is never taken (a tab closed before connecting) is dropped once stale.
/// </summary>
public sealed class StoryboardHandoff(ProjectChangeFeed feed, TimeProvider clock)
{
    /// <summary>
    /// Longer than a browser takes from the prerendered page to its circuit even on a busy machine, short enough that a
    /// write some service forgot to publish is never hidden for long.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly Dictionary<(string UserId, int ProjectId), Entry> _entries = [];

    /// <summary>The feed's position for the project; take it before the read that is then <see cref="Offer"/>ed.</summary>
    public long Position(int projectId) => feed.LatestSequence(projectId);

    /// <summary>Keeps a prerender's read of the board for the user's circuit.</summary>
    public void Offer(string userId, StoryboardView board, long position)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(board);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var (key, entry) in _entries)
            {
                if (now - entry.At >= MaxAge)
                {
                    _entries.Remove(key);
                }
            }
            _entries[(userId, board.ProjectId)] = new Entry(board, position, now);
        }
    }

    /// <summary>The board the user's prerender read, if it is still what a read now would give; else null.</summary>
    public StoryboardView? Take(string userId, int projectId)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_entries.Remove((userId, projectId), out entry))
            {
                return null;
            }
        }
        return clock.GetUtcNow() - entry.At < MaxAge && feed.LatestSequence(projectId) == entry.Position ? entry.Board : null;
    }

    private sealed record Entry(StoryboardView Board, long Position, DateTimeOffset At);
}
