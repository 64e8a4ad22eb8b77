using System.Collections.Concurrent;
using ExplainerStudio.Web.Collaboration.Changes;

namespace ExplainerStudio.Web.Tests.Live;

/// <summary>Lets a test wait for a change matching a condition to reach a node's real feed.</summary>
internal sealed class ChangeArrivals : IDisposable
{
    private readonly ConcurrentQueue<ProjectChange> _seen = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly IDisposable _subscription;

    public ChangeArrivals(ProjectChangeFeed feed, int projectId) =>
        _subscription = feed.Subscribe(change =>
        {
            _seen.Enqueue(change);
            _arrived.Release();
        }, projectId);

    public async Task<ProjectChange> WaitForAsync(Func<ProjectChange, bool> match)
    {
        ProjectChange? found = null;
        if (!await TryWaitAsync(match, TimeSpan.FromSeconds(60), c => found = c))
        {
            throw new TimeoutException("No matching change reached the feed within 60 s.");
        }
        return found!;
    }

    public Task<bool> TryWaitAsync(Func<ProjectChange, bool> match, TimeSpan timeout) => TryWaitAsync(match, timeout, _ => { });

    private async Task<bool> TryWaitAsync(Func<ProjectChange, bool> match, TimeSpan timeout, Action<ProjectChange> found)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_seen.FirstOrDefault(match) is { } change)
            {
                found(change);
                return true;
            }
            try
            {
                await _arrived.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _arrived.Dispose();
    }
}
