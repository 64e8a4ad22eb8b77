using System.Collections.Concurrent;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// The running jobs of one kind in this process, so that a cancel asked here stops its job at once; a cancel asked in
/// another process reaches the job through its row at the next heartbeat.
/// </summary>
public sealed class JobCancellations<TJob>
    where TJob : class, IDurableJob
{
    private readonly ConcurrentDictionary<int, CancellationTokenSource> _running = new();

    public void Register(int jobId, CancellationTokenSource source) => _running[jobId] = source;

    /// <summary>Removes this attempt's source only: a retry of the same job may already have registered its own.</summary>
    public void Unregister(int jobId, CancellationTokenSource source) => _running.TryRemove(KeyValuePair.Create(jobId, source));

    public bool IsRunningHere(int jobId) => _running.ContainsKey(jobId);

    public void Cancel(int jobId)
    {
        if (_running.TryGetValue(jobId, out var source))
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The job finished between the lookup and the cancel; nothing is left to stop.
            }
        }
    }
}
