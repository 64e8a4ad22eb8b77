using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.SignalR;

namespace ExplainerStudio.Web.Timeline;

/// <summary>
/// Forwards export events to the render hub's project group as <see cref="ProgressMethod"/> messages, so scripts and
/// pages follow exports on the same live channel as renders.
/// </summary>
internal sealed class ExportHubRelay(ExportProgressNotifier notifier, IHubContext<RenderHub> hub, ILogger<ExportHubRelay> logger) : IHostedService
{
    public const string ProgressMethod = "export";
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(Forward, projectId: null);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Forward(ExportEvent exportEvent)
    {
        // Not awaited: ffmpeg's progress reader must not wait for slow clients; SignalR buffers per connection.
        var send = hub.Clients.Group(RenderHub.GroupName(exportEvent.ProjectId)).SendAsync(ProgressMethod, exportEvent);
        if (!send.IsCompletedSuccessfully)
        {
            send.ContinueWith(t => logger.LogWarning(t.Exception, "Could not relay export event of export {ExportId}", exportEvent.ExportId),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
