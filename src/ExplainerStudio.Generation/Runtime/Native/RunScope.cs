namespace ExplainerStudio.Generation.Runtime.Native;

/// <summary>
/// One run's <c>OrtRunOptions</c>, wired to a <see cref="CancellationToken"/>: cancelling sets ORT's terminate flag,
/// which ORT checks between operators, so a long run stops within one operator rather than at its end.
/// </summary>
internal sealed unsafe class RunScope : IDisposable
{
    private readonly OrtLibrary _library;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;
    private nint _runOptions;

    public RunScope(OrtLibrary library, string operation, CancellationToken cancellationToken)
    {
        _library = library;
        _cancellationToken = cancellationToken;
        nint runOptions;
        library.Check(library.Api.CreateRunOptions(&runOptions), operation, null);
        _runOptions = runOptions;
        if (cancellationToken.CanBeCanceled)
        {
            // Registering on an already-cancelled token runs the callback at once, so ORT refuses to start the run.
            _registration = cancellationToken.UnsafeRegister(static state => ((RunScope)state!).Terminate(), this);
        }
    }

    public nint RunOptions => _runOptions;

    /// <summary>Turns the status of the run into success, <see cref="OperationCanceledException"/> or an error.</summary>
    public void Complete(nint status, string operation, string? modelPath)
    {
        if (status == 0)
        {
            return;
        }

        if (_cancellationToken.IsCancellationRequested)
        {
            _library.Api.ReleaseStatus(status);
            throw new OperationCanceledException($"The run of '{modelPath}' was cancelled.", _cancellationToken);
        }

        throw _library.ToException(status, operation, modelPath);
    }

    public void Dispose()
    {
        // Waits for a callback that is running right now, so the options are never released under it.
        _registration.Dispose();
        if (_runOptions != 0)
        {
            _library.Api.ReleaseRunOptions(_runOptions);
            _runOptions = 0;
        }
    }

    private void Terminate()
    {
        nint status = _library.Api.RunOptionsSetTerminate(_runOptions);
        if (status != 0)
        {
            _library.Api.ReleaseStatus(status);
        }
    }
}
