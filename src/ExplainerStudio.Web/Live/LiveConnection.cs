using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ExplainerStudio.Web.Live;

/// <summary>
/// The one Redis connection of this node, shared by the SignalR backplane and the notifier bridge, and what the header
/// shows about it. It is opened on first use only when Live:Redis is set; while Redis is down the node keeps working on
/// its own, says so once in the log and in <see cref="State"/>, and StackExchange.Redis reconnects by itself.
/// </summary>
public sealed class LiveConnection(IOptions<LiveOptions> options, ILogger<LiveConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly Lock _gate = new();
    private ConnectionMultiplexer? _multiplexer;
    private LiveState _state = options.Value.IsEnabled ? LiveState.Degraded : LiveState.SingleNode;
    private bool _disposed;

    /// <summary>Raised on the connection's threads when <see cref="State"/> changes; handlers only hand it on.</summary>
    public event Action? Changed;

    public bool IsEnabled => options.Value.IsEnabled;

    /// <summary>Whether a connection was ever opened (never without Live:Redis).</summary>
    public bool IsOpen => _multiplexer is not null;

    public LiveState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Opens the connection (once); it returns even when Redis is down, and reconnects in the background.</summary>
    public async Task<IConnectionMultiplexer> GetAsync(TextWriter? log = null)
    {
        if (_multiplexer is { } open)
        {
            return open;
        }
        await _opening.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_multiplexer is null)
            {
                var configuration = options.Value.ToRedisConfiguration();
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration, log).ConfigureAwait(false);
                multiplexer.ConnectionFailed += (_, e) => Observe(multiplexer, e);
                multiplexer.ConnectionRestored += (_, e) => Observe(multiplexer, e);
                _multiplexer = multiplexer;
                Observe(multiplexer, null);
            }
            return _multiplexer;
        }
        finally
        {
            _opening.Release();
        }
    }

    private void Observe(ConnectionMultiplexer multiplexer, ConnectionFailedEventArgs? e)
    {
        var next = multiplexer.IsConnected ? LiveState.Connected : LiveState.Degraded;
        LiveState previous;
        lock (_gate)
        {
            previous = _state;
            _state = next;
        }
        if (next == LiveState.Degraded && (previous != LiveState.Degraded || e is null))
        {
            logger.LogWarning(e?.Exception,
                "Redis ({Endpoints}) cannot be reached{Failure}: live updates from other web nodes and workers do not arrive here and this node's do not reach them. " +
                "This node keeps working on its own and reconnects by itself; check that Redis runs and that Live:Redis names it.",
                string.Join(", ", multiplexer.GetEndPoints().Select(p => p.ToString())), e is null ? "" : $" ({e.FailureType})");
        }
        else if (next == LiveState.Connected && previous == LiveState.Degraded && e is not null)
        {
            logger.LogInformation("Redis is reachable again: live updates across nodes resume (those sent while it was down are not replayed; pages re-read on the next change)");
        }
        if (next != previous)
        {
            Changed?.Invoke();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _opening.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_multiplexer is { } multiplexer)
            {
                _multiplexer = null;
                await multiplexer.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _opening.Release();
        }
        _opening.Dispose();
    }
}
