namespace ExplainerStudio.Generation.Tests.Pipelines;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly Action<T>? _onReport;

    public RecordingProgress(Action<T>? onReport = null)
    {
        _onReport = onReport;
    }

    public List<T> Reports { get; } = [];

    public void Report(T value)
    {
        Reports.Add(value);
        _onReport?.Invoke(value);
    }
}
