namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// Wakes the idle workers of one kind of job when a job is queued in this process, so they need not wait for their
/// poll (which is how they find jobs queued by other processes).
/// </summary>
public sealed class JobSignal<TJob>
    where TJob : class, IDurableJob
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
