using System.Threading.Channels;
using ExplainerStudio.Web.Rendering;
using Microsoft.AspNetCore.SignalR;

namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// Forwards one kind of job event to the hub group of its project. Events pass through one queue with one sender, so
/// every client sees them in the order they were raised (overlapping group sends could reach two connections in
/// different orders), while the job never waits for a slow client. The queue is bounded: if a stalled connection holds
/// the sender up, the oldest events are dropped rather than memory grown; clients re-read a job's state on its final
/// event anyway.
/// </summary>
public sealed class JobHubRelay<TEvent>(JobNotifier<TEvent> notifier, IHubContext<RenderHub> hub, string method, ILogger logger) : BackgroundService
    where TEvent : class, IJobEvent
{
    public const int Capacity = 1024;

    private readonly Channel<TEvent> _events = Channel.CreateBounded<TEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Events of other nodes reach this node's hub clients from their own node, through the Redis backplane.
        using var subscription = notifier.SubscribeLocal(jobEvent => _events.Writer.TryWrite(jobEvent));
        await foreach (var jobEvent in _events.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.Group(RenderHub.GroupName(jobEvent.ProjectId)).SendAsync(method, jobEvent, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not relay the {Method} event of job {JobId}", method, jobEvent.JobId);
            }
        }
    }
}
