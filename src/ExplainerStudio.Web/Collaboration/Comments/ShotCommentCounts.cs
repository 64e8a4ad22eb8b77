using ExplainerStudio.Web.Collaboration.Changes;

namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>
/// One circuit's comment counts for the storyboard's cards: read once per project for all its cards (not once per
/// card), and read again when the feed says a comment of that project changed. Scoped, so it lives with the circuit.
/// </summary>
public sealed class ShotCommentCounts(CommentService comments, ProjectChangeFeed feed) : IDisposable
{
    private readonly object _gate = new();
    private Task<ProjectCommentCounts>? _loading;
    private IDisposable? _subscription;
    private int? _projectId;

    /// <summary>Raised (on the feed's thread) when counts may have changed; cards re-read through <see cref="GetAsync"/>.</summary>
    public event Action? Changed;

    public async Task<ShotCommentCount> GetAsync(int shotId, string userId)
    {
        Task<ProjectCommentCounts> loading;
        lock (_gate)
        {
            loading = _loading ??= comments.CountsForProjectOfShotAsync(shotId, userId);
        }
        var counts = await loading;
        if (!counts.ShotIds.Contains(shotId))
        {
            // A shot added since (or another project's): read again, once for everyone asking now.
            lock (_gate)
            {
                if (_loading == loading)
                {
                    _loading = comments.CountsForProjectOfShotAsync(shotId, userId);
                }
                loading = _loading;
            }
            counts = await loading;
        }
        Follow(counts.ProjectId);
        return counts.Counts.GetValueOrDefault(shotId) ?? new ShotCommentCount(0, 0);
    }

    private void Follow(int projectId)
    {
        lock (_gate)
        {
            if (_projectId == projectId)
            {
                return;
            }
            _projectId = projectId;
            _subscription?.Dispose();
            // Only comments change counts: a shot added or restored since is not among the ShotIds read, so GetAsync
            // reads again for it, and a deleted shot's card is gone. Re-reading (and redrawing every card's count in
            // every open page) on each shot edit would only delay the edit itself.
            _subscription = feed.SubscribeInBackground(change =>
            {
                if (change.Kind == ProjectChangeKind.Comment)
                {
                    lock (_gate)
                    {
                        _loading = null;
                    }
                    Changed?.Invoke();
                }
            }, projectId);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _subscription?.Dispose();
            _subscription = null;
        }
    }
}
