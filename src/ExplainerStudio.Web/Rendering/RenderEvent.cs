using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// One progress event of a job, as the notifier hands it to components and the hub sends it to other clients.
/// <see cref="Step"/> of <see cref="TotalSteps"/> counts keyframe denoising steps, then clip frames.
/// </summary>
public sealed record RenderEvent(
    int JobId,
    int ProjectId,
    int ShotId,
    RenderEventKind Kind,
    DateTimeOffset RaisedAt,
    int Step = 0,
    int TotalSteps = 0,
    string? Phase = null,
    double? EtaSeconds = null,
    string? PreviewDataUrl = null,
    int? QueuePosition = null,
    int? TakeId = null,
    string? Error = null) : IJobEvent
{
    public double Fraction => TotalSteps <= 0 ? 0 : Math.Clamp((double)Step / TotalSteps, 0, 1);

    public bool IsFinal => Kind is RenderEventKind.Succeeded or RenderEventKind.Failed or RenderEventKind.Cancelled;
}
