using Microsoft.EntityFrameworkCore.Query;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// One attempt at a claimed job, from the claim to its end. A loop of its own renews the lease every heartbeat and
/// saves the latest reported progress at most once per save interval, so that whoever reports (a denoising loop,
/// ffmpeg's progress reader) only hands the value over and never waits for the database. Each save reads the cancel
/// flag too: a cancel asked in another process, or a lease another worker took over, stops <see cref="Token"/>.
/// </summary>
public sealed class JobRun<TJob> : IAsyncDisposable
    where TJob : class, IDurableJob
{
    private readonly JobStore<TJob> _store;
    private readonly TimeSpan _saveInterval;
    private readonly TimeSpan _heartbeat;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private Action<UpdateSettersBuilder<TJob>>? _pending;
    private int _urgent;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lost;

    internal JobRun(JobStore<TJob> store, TJob job, TimeSpan saveInterval, TimeSpan heartbeat, TimeProvider clock, ILogger logger, CancellationToken stoppingToken)
    {
        _store = store;
        Job = job;
        _saveInterval = saveInterval;
        _heartbeat = heartbeat;
        _clock = clock;
        _logger = logger;
        StoppingToken = stoppingToken;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _loop = Task.Run(LoopAsync);
    }

    public TJob Job { get; }

    /// <summary>Stops the job: a cancel (here or in another process), a lost lease, or the studio shutting down.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The studio's own shutdown, to tell it from a cancel of this job.</summary>
    public CancellationToken StoppingToken { get; }

    /// <summary>Another worker took the job over (this one's lease expired): this attempt must not finish it.</summary>
    public bool LeaseLost => Volatile.Read(ref _lost) == 1;

    internal CancellationTokenSource Cancellation => _cancellation;

    /// <summary>
    /// Hands over the job's latest progress columns; they are written with the next save, and only the latest counts.
    /// <paramref name="saveNow"/> skips the wait for the save interval (a change of phase a reload must show).
    /// </summary>
    public void Report(Action<UpdateSettersBuilder<TJob>> progress, bool saveNow = false)
    {
        var first = Interlocked.Exchange(ref _pending, progress) is null;
        if (saveNow)
        {
            Volatile.Write(ref _urgent, 1);
        }
        if (first || saveNow)
        {
            Wake();
        }
    }

    /// <summary>Ends the heartbeat; call it before writing the job's final state, so no beat races with that write.</summary>
    public async Task StopHeartbeatAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }
    }

    /// <summary>Writes the job's final columns and releases the lease; false when the job is no longer this worker's.</summary>
    public async Task<bool> FinishAsync(Action<UpdateSettersBuilder<TJob>> final)
    {
        await StopHeartbeatAsync();
        return await _store.FinishAsync(Job.Id, final, CancellationToken.None);
    }

    /// <summary>Puts the job back in the queue (a clean shutdown interrupted it).</summary>
    public async Task<bool> RequeueAsync()
    {
        await StopHeartbeatAsync();
        return await _store.RequeueAsync(Job.Id, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopHeartbeatAsync();
        _stop.Dispose();
        _cancellation.Dispose();
    }

    private void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task LoopAsync()
    {
        var lastBeat = _clock.GetUtcNow();
        var lastSave = DateTimeOffset.MinValue;
        while (!_stop.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake).Task;
            var now = _clock.GetUtcNow();
            var pending = Volatile.Read(ref _pending) is not null;
            var saveDue = pending && (Volatile.Read(ref _urgent) == 1 || now - lastSave >= _saveInterval);
            var beatDue = now - lastBeat >= _heartbeat;
            if (!saveDue && !beatDue)
            {
                var untilBeat = _heartbeat - (now - lastBeat);
                var wait = pending ? Min(untilBeat, _saveInterval - (now - lastSave)) : untilBeat;
                using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                // Yielding, so the loop never goes on inside a timer callback or the reporting thread that woke it.
                await Task.WhenAny(wake, Task.Delay(wait, _clock, delayCancel.Token)).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
                await delayCancel.CancelAsync();
                continue;
            }

            Volatile.Write(ref _urgent, 0);
            var progress = Interlocked.Exchange(ref _pending, null);
            try
            {
                var beat = await _store.BeatAsync(Job.Id, progress, _stop.Token);
                lastBeat = now;
                if (progress is not null)
                {
                    lastSave = now;
                }
                if (beat == JobBeat.Lost)
                {
                    Volatile.Write(ref _lost, 1);
                    _logger.LogWarning("The {Kind} job {JobId} is no longer this worker's (its lease was taken over); it stops here", _store.Kind.Name, Job.Id);
                    await _cancellation.CancelAsync();
                    return;
                }
                if (beat == JobBeat.CancelRequested)
                {
                    await _cancellation.CancelAsync();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or briefly unreachable database: the job goes on, and the next beat tries again before the
                // lease runs out. The progress not saved is replaced by newer progress anyway.
                lastBeat = now;
                lastSave = now;
                Interlocked.CompareExchange(ref _pending, progress, null);
                _logger.LogWarning(e, "Could not renew the lease of {Kind} job {JobId}", _store.Kind.Name, Job.Id);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
