using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Render events on the job machinery's notifier (<see cref="JobNotifier{TEvent}"/>): Blazor components and the hub
/// relay subscribe, the worker publishes. Handlers must only hand the event on (components use InvokeAsync). A progress
/// event without a preview keeps the job's last preview as its latest, so a page opened mid-render shows one at once.
/// </summary>
public sealed class RenderProgressNotifier(ILogger<RenderProgressNotifier> logger)
{
    public JobNotifier<RenderEvent> Events { get; } = new(
        logger,
        keepAsLatest: e => e.Kind != RenderEventKind.Queued,
        mergeLatest: (previous, next) => next.PreviewDataUrl is null && previous.PreviewDataUrl is not null
            ? next with { PreviewDataUrl = previous.PreviewDataUrl }
            : next);

    /// <summary>Receives every event, or those of one project; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<RenderEvent> handler, int? projectId = null) => Events.Subscribe(handler, projectId);

    public void Publish(RenderEvent renderEvent) => Events.Publish(renderEvent);

    /// <summary>The latest event of a job that is running in this process, or null.</summary>
    public RenderEvent? Latest(int jobId) => Events.Latest(jobId);
}
