using Microsoft.AspNetCore.SignalR;

namespace ExplainerStudio.Web.Rendering;

/// <summary>Forwards every notifier event to the hub group of its project.</summary>
internal sealed class RenderHubRelay(RenderProgressNotifier notifier, IHubContext<RenderHub> hub, ILogger<RenderHubRelay> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(Forward);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Forward(RenderEvent renderEvent)
    {
        // Not awaited: the render thread must not wait for slow clients; SignalR buffers per connection.
        var send = hub.Clients.Group(RenderHub.GroupName(renderEvent.ProjectId)).SendAsync(RenderHub.ProgressMethod, renderEvent);
        if (!send.IsCompletedSuccessfully)
        {
            send.ContinueWith(t => logger.LogWarning(t.Exception, "Could not relay render event of job {JobId}", renderEvent.JobId),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
