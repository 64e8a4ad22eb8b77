using ExplainerStudio.Web.Components.Shared;
using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.Components;

namespace ExplainerStudio.Web.Components.Rendering;

/// <summary>
/// A page that shows render progress live. It subscribes to the notifier (the circuit itself is the SignalR
/// connection), keeps only the latest event of each running job for display, and re-reads everything else from the
/// database when a job is queued, starts or finishes, so a reload or reconnect shows the same state. Bursts of step events
/// re-render at most every 100 ms, and the last event of a burst is drawn when its 100 ms are up, so a page never keeps
/// showing an older step while the render waits on its next one. Live events win over the page's data while that data
/// is behind (<see cref="LiveEventOfShot"/>): on a busy server a re-read can take longer than a short render, and the
/// page would otherwise show a render that is running as not started, or step back to the progress of its last save.
/// </summary>
public abstract class LiveRenderComponentBase : StudioComponentBase, IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<int, RenderEvent> _live = [];
    private IDisposable? _subscription;
    private DateTimeOffset _lastRender = DateTimeOffset.MinValue;
    private bool _trailingRenderDue;
    private bool _disposed;

    [Inject]
    protected RenderProgressNotifier Notifier { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ExplainerStudio.Web.Collaboration.Presence.LiveCircuit LiveCircuit { get; set; } = default!;

    /// <summary>The latest live event of a running job, or null.</summary>
    protected RenderEvent? LiveEvent(int? jobId) =>
        jobId is { } id && (_live.TryGetValue(id, out var e) || (e = Notifier.Latest(id)) is not null) ? e : null;

    /// <summary>
    /// The live event to show for a shot whose latest job the page's data knows as <paramref name="knownJobId"/> in
    /// <paramref name="knownStatus"/>: that job's latest event while it runs, or the event of a job the data has not
    /// caught up with yet (a newer job of the shot, or the known job started since it was read). Null when none runs.
    /// </summary>
    protected RenderEvent? LiveEventOfShot(int shotId, int? knownJobId, RenderJobStatus? knownStatus)
    {
        var shown = knownStatus == RenderJobStatus.Running ? LiveEvent(knownJobId) : null;
        foreach (var e in _live.Values)
        {
            var ahead = e.JobId > (knownJobId ?? 0) || (e.JobId == knownJobId && knownStatus is RenderJobStatus.Queued);
            if (e.ShotId == shotId && ahead && e.JobId > (shown?.JobId ?? 0))
            {
                shown = e;
            }
        }
        return shown;
    }

    protected void SubscribeToRenders(int? projectId)
    {
        _subscription?.Dispose();
        _subscription = Notifier.Subscribe(e =>
        {
            // A member removed from the project gets none of its events from then on, whatever page is open.
            if (!LiveCircuit.IsRemovedFrom(e.ProjectId))
            {
                _ = InvokeAsync(() => HandleAsync(e));
            }
        }, projectId);
    }

    /// <summary>Re-reads the page's data; called when a job is queued, starts or finishes.</summary>
    protected abstract Task ReloadRendersAsync();

    private async Task HandleAsync(RenderEvent renderEvent)
    {
        try
        {
            if (renderEvent.IsFinal)
            {
                // The job's last step stays on screen until the data says how it ended, instead of whatever its row
                // held when the page last read it.
                try
                {
                    await ReloadRendersAsync();
                }
                finally
                {
                    _live.Remove(renderEvent.JobId);
                }
                StateHasChanged();
                return;
            }
            if (renderEvent.Kind is RenderEventKind.Queued or RenderEventKind.Started)
            {
                // A job retried from the queue starts over: its steps of the attempt before do not count.
                _live.Remove(renderEvent.JobId);
                await ReloadRendersAsync();
                StateHasChanged();
                return;
            }
            _live[renderEvent.JobId] = renderEvent;
            var now = Clock.GetUtcNow();
            if (renderEvent.PreviewDataUrl is not null || renderEvent.Kind != RenderEventKind.Progress || now - _lastRender >= RenderInterval)
            {
                _lastRender = now;
                StateHasChanged();
            }
            else if (!_trailingRenderDue)
            {
                _trailingRenderDue = true;
                _ = DrawLatestAfterAsync(RenderInterval - (now - _lastRender));
            }
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    /// <summary>Draws the latest step once the throttle's interval is up, if no other event drew it before.</summary>
    private async Task DrawLatestAfterAsync(TimeSpan wait)
    {
        await Task.Delay(wait, Clock);
        try
        {
            await InvokeAsync(() =>
            {
                _trailingRenderDue = false;
                if (!_disposed)
                {
                    _lastRender = Clock.GetUtcNow();
                    StateHasChanged();
                }
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed in the meantime: there is no page left to draw.
        }
    }

    /// <summary>A job's fraction done as every progress label shows it ("42%").</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    protected static string? Eta(RenderEvent? e) => e?.EtaSeconds is { } eta
        ? "about " + TimeSpan.FromSeconds(Math.Ceiling(eta)).ToString(eta >= 3600 ? @"h\:mm\:ss" : @"m\:ss", System.Globalization.CultureInfo.InvariantCulture) + " left"
        : null;

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
