using System.Collections.Concurrent;
using ExplainerStudio.Web.Collaboration.Changes;

namespace ExplainerStudio.Web.Tests.Collaboration;

/// <summary>Records what the real feed publishes for one project, so a test can take the changes an action caused.</summary>
internal sealed class ChangeRecorder : IDisposable
{
    private readonly ConcurrentQueue<ProjectChange> _changes = new();
    private readonly IDisposable _subscription;

    public ChangeRecorder(ProjectChangeFeed feed, int projectId) =>
        _subscription = feed.Subscribe(_changes.Enqueue, projectId);

    /// <summary>The changes published since the last call.</summary>
    public List<ProjectChange> Take()
    {
        var taken = new List<ProjectChange>();
        while (_changes.TryDequeue(out var change))
        {
            taken.Add(change);
        }
        return taken;
    }

    /// <summary>Runs an action and returns the one change it published.</summary>
    public async Task<ProjectChange> OneAsync(Func<Task> action)
    {
        Take();
        await action();
        return Assert.Single(Take());
    }

    public void Dispose() => _subscription.Dispose();
}
