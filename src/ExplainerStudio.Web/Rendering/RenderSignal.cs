namespace ExplainerStudio.Web.Rendering;

/// <summary>Wakes idle workers when a job is queued in this process, so they need not wait for the next poll.</summary>
public sealed class RenderSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1024);

    public void Notify()
    {
        if (_semaphore.CurrentCount < 16)
        {
            _semaphore.Release();
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _semaphore.WaitAsync(timeout, cancellationToken);
}
