using System.Collections.Concurrent;

namespace ExplainerStudio.Web.Rendering;

/// <summary>The running jobs of this process, so that a cancel stops the render within one step.</summary>
public sealed class RenderCancellations
{
    private readonly ConcurrentDictionary<int, CancellationTokenSource> _running = new();

    public void Register(int jobId, CancellationTokenSource source) => _running[jobId] = source;

    /// <summary>Removes this attempt's source only: a retry of the same job may already have registered its own.</summary>
    public void Unregister(int jobId, CancellationTokenSource source) => _running.TryRemove(KeyValuePair.Create(jobId, source));

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
