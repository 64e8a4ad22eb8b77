using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Forwards every notifier event to the hub group of its project. Events pass through one queue with one sender, so
/// every client sees them in the order they were raised (overlapping group sends could reach two connections in
/// different orders), while the render thread never waits for a slow client. The queue is bounded: if a stalled
/// connection holds the sender up, the oldest events (progress with previews) are dropped, not memory grown; clients
/// re-read the job's state on its final event anyway.
/// </summary>
internal sealed class RenderHubRelay(RenderProgressNotifier notifier, IHubContext<RenderHub> hub, ILogger<RenderHubRelay> logger) : BackgroundService
{
    private readonly Channel<RenderEvent> _events = Channel.CreateBounded<RenderEvent>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.Subscribe(renderEvent => _events.Writer.TryWrite(renderEvent));
        await foreach (var renderEvent in _events.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.Group(RenderHub.GroupName(renderEvent.ProjectId)).SendAsync(RenderHub.ProgressMethod, renderEvent, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not relay render event of job {JobId}", renderEvent.JobId);
            }
        }
    }
}
