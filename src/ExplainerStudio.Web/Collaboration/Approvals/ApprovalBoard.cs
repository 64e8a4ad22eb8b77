using ExplainerStudio.Web.Collaboration.Changes;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Collaboration.Approvals;

/// <summary>
/// The approvals of the project a circuit has open, read once for all its chips (one query, not one per card) and
/// re-read when the project change feed reports an approval or shot change, so every chip and the filter follow other
/// members' decisions live. Scoped: one per circuit.
/// </summary>
public sealed class ApprovalBoard(ApprovalService approvals, IDbContextFactory<StudioDbContext> contextFactory, ProjectChangeFeed feed) : IDisposable
{
    private readonly object _gate = new();
    private int? _projectId;
    private string? _userId;
    private Task<IReadOnlyDictionary<int, ShotApprovalView>>? _load;
    private IDisposable? _subscription;

    /// <summary>Raised (on the feed's thread) after the approvals were re-read; components redraw through InvokeAsync.</summary>
    public event Action? Changed;

    /// <summary>The approvals of every shot of the project, by shot id; reads them the first time.</summary>
    public Task<IReadOnlyDictionary<int, ShotApprovalView>> OpenAsync(int projectId, string userId)
    {
        lock (_gate)
        {
            if (_projectId == projectId && _userId == userId && _load is { IsFaulted: false, IsCanceled: false } load)
            {
                return load;
            }
            _subscription?.Dispose();
            _projectId = projectId;
            _userId = userId;
            _load = approvals.ListAsync(projectId, userId);
            _subscription = feed.SubscribeInBackground(OnChange, projectId);
            return _load;
        }
    }

    /// <summary>One shot's approval, from the board of its project.</summary>
    public async Task<ShotApprovalView> GetAsync(int shotId, string userId)
    {
        Task<IReadOnlyDictionary<int, ShotApprovalView>>? load;
        lock (_gate)
        {
            load = _userId == userId ? _load : null;
        }
        if (load is not null && (await load).TryGetValue(shotId, out var known))
        {
            return known;
        }
        await using var context = await contextFactory.CreateDbContextAsync();
        var projectId = await context.Shots.AsNoTracking().Where(s => s.Id == shotId).Select(s => (int?)s.Scene!.ProjectId).FirstOrDefaultAsync();
        if (projectId is null)
        {
            return ShotApprovalView.DraftOf(shotId);
        }
        var board = await OpenAsync(projectId.Value, userId);
        return board.TryGetValue(shotId, out var view) ? view : ShotApprovalView.DraftOf(shotId);
    }

    /// <summary>Re-reads the board now (after this circuit's own decision, without waiting for the feed).</summary>
    public Task RefreshAsync() => RefreshAsync(announceUnchanged: true);

    private async Task RefreshAsync(bool announceUnchanged)
    {
        Task<IReadOnlyDictionary<int, ShotApprovalView>> load;
        Task<IReadOnlyDictionary<int, ShotApprovalView>>? before;
        lock (_gate)
        {
            if (_projectId is not { } projectId || _userId is not { } userId)
            {
                return;
            }
            before = _load;
            _load = load = approvals.ListAsync(projectId, userId);
        }
        var board = await load;
        // A shot's title or a scene changing leaves the approvals as they were; redrawing every chip of the board in
        // every open page for it would only delay the change that did happen.
        if (announceUnchanged || before is not { IsCompletedSuccessfully: true } || !Same(before.Result, board))
        {
            Changed?.Invoke();
        }
    }

    private static bool Same(IReadOnlyDictionary<int, ShotApprovalView> a, IReadOnlyDictionary<int, ShotApprovalView> b) =>
        a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var other) && other == entry.Value);

    private void OnChange(ProjectChange change)
    {
        if (change.Kind is ProjectChangeKind.Approval or ProjectChangeKind.Shot or ProjectChangeKind.Scene)
        {
            _ = ProjectChangeReaction.RunAsync(change, RefreshQuietlyAsync);
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync(announceUnchanged: false);
        }
        catch (Exception e) when (e is ProjectAccessDeniedException or OperationCanceledException)
        {
            // A member removed while the page is open keeps the last board; their pages learn it from the membership cut-off.
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
