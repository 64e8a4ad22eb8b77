namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// Counts the runs and bindings using a session, so releasing it (runtime disposed, model unloaded) waits for the
/// last of them instead of freeing native memory under a run.
/// </summary>
internal sealed class SessionLease(IDisposable resource, string modelPath)
{
    private readonly Lock _gate = new();
    private int _users;
    private bool _released;

    public void Enter()
    {
        lock (_gate)
        {
            if (_released)
            {
                throw new ObjectDisposedException($"The session for '{modelPath}' was released (the runtime was disposed or the model unloaded).");
            }

            _users++;
        }
    }

    public void Exit()
    {
        bool dispose;
        lock (_gate)
        {
            _users--;
            dispose = _released && _users == 0;
        }

        if (dispose)
        {
            resource.Dispose();
        }
    }

    public void Release()
    {
        bool dispose;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            _released = true;
            dispose = _users == 0;
        }

        if (dispose)
        {
            resource.Dispose();
        }
    }
}
