using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Web.Workers;

/// <summary>The workers list, bound from the <c>Workers</c> section.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Workers";

    /// <summary>How long a lost worker (no heartbeat) stays in the list before its row is removed.</summary>
    [Range(1, 24 * 365)]
    public int ForgetLostAfterHours { get; set; } = 24;

    /// <summary>What kind of process this is; the `worker` verb sets it, a web studio is <see cref="WorkerRole.Studio"/>.</summary>
    public WorkerRole Role { get; set; } = WorkerRole.Studio;
}
