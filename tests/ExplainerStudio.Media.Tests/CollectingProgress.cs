namespace ExplainerStudio.Media.Tests;

/// <summary>
/// Records reports on the reporting thread; <see cref="Progress{T}"/> would post them to the thread pool and
/// some could arrive after the run has returned.
/// </summary>
internal sealed class CollectingProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_lock)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_lock)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
