using Ort = Microsoft.ML.OnnxRuntime;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// One run's <see cref="Ort.RunOptions"/>, whose <c>Terminate</c> flag the cancellation token sets. The flag is sticky,
/// so every run gets fresh options; ONNX Runtime checks it between nodes, so a long operator finishes first.
/// </summary>
internal sealed class RunScope : IDisposable
{
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;

    public RunScope(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _cancellationToken = cancellationToken;
        Options = new Ort.RunOptions();
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(static state => ((Ort.RunOptions)state!).Terminate = true, Options);
        }
    }

    public Ort.RunOptions Options { get; }

    /// <summary>The exception for a failed run: cancellation when the token asked for it, otherwise ORT's error.</summary>
    public Exception Failure(Ort.OnnxRuntimeException error, string operation, string modelPath)
    {
        return _cancellationToken.IsCancellationRequested
            ? new OperationCanceledException($"The run of model '{modelPath}' was cancelled.", error, _cancellationToken)
            : OrtFailure.From(error, operation, modelPath);
    }

    public void Dispose()
    {
        // Unregistering waits for a callback in progress, so Terminate is never set on disposed options.
        _registration.Dispose();
        Options.Dispose();
    }
}
