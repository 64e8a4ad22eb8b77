using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// One shot to render, as a durable row: written before anything runs, claimed by a worker, and finished by exactly one
/// take (whose unique <see cref="Take.JobId"/> makes a second one impossible) or a failure the user can act on.
/// </summary>
public sealed class RenderJob : IDurableJob
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int ShotId { get; set; }
    public RenderScope Scope { get; set; }
    public RenderPriority Priority { get; set; } = RenderPriority.Normal;
    public RenderJobStatus Status { get; set; }
    public int Attempts { get; set; }
    public string RequestedByUserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the job entered the queue last (a retry re-enters it); the queue runs older jobs first.</summary>
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool CancelRequested { get; set; }

    /// <summary>Completed work units (denoising steps of the keyframe, then frames) of <see cref="TotalSteps"/>.</summary>
    public int Step { get; set; }
    public int TotalSteps { get; set; }

    /// <summary>What the job is doing: "keyframe", "frames", "encoding".</summary>
    public string? Phase { get; set; }
    public string? Error { get; set; }
    public SeedMode SeedMode { get; set; }

    /// <summary>The resolved <see cref="RenderInputs"/> as JSON.</summary>
    public string InputsJson { get; set; } = "";

    /// <summary>Set when this job regenerates a take with its recipe: the new take is compared with it.</summary>
    public int? ReproducesTakeId { get; set; }
    public int? TakeId { get; set; }

    /// <summary>
    /// Consecutive unclean stops of the studio during which this job was the only one running and had got exactly as
    /// far (<see cref="LastCrashPoint"/>) as the time before: the evidence <see cref="RenderJobRecovery"/> weighs.
    /// </summary>
    public int CrashStreak { get; set; }

    /// <summary>Where the job was ("phase:step", as last saved) when the studio last stopped uncleanly under it.</summary>
    public string? LastCrashPoint { get; set; }

    /// <summary>
    /// The model pack a worker must have to take the job (a copy of the inputs' pack, so a claim can filter on it); null
    /// on jobs queued before workers said what they can run, which any worker takes.
    /// </summary>
    public string? RequiredPack { get; set; }

    /// <summary>The worker (lease owner id) whose attempt ended the job, for the queue and for tracing a take to a machine.</summary>
    public string? FinishedBy { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}
