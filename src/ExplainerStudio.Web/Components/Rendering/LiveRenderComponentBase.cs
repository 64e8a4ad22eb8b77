using ExplainerStudio.Web.Components.Shared;
using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.Components;

namespace ExplainerStudio.Web.Components.Rendering;

/// <summary>
/// A page that shows render progress live. It subscribes to the notifier (the circuit itself is the SignalR
/// connection), keeps only the latest event of each running job for display, and re-reads everything else from the
/// database when a job is queued, starts or finishes, so a reload or reconnect shows the same state. Bursts of step events
/// re-render at most every 100 ms, and the last event of a burst is drawn when its 100 ms are up, so a page never keeps
/// showing an older step while the render waits on its next one.
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
            if (renderEvent.IsFinal || renderEvent.Kind is RenderEventKind.Queued or RenderEventKind.Started)
            {
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

    protected static string Percent(double fraction) => (fraction * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";

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
