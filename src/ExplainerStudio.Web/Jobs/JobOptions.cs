using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Web.Jobs;

/// <summary>The job machinery's lease, bound from the <c>Jobs</c> section.</summary>
public sealed class JobOptions : IValidatableObject
{
    public const string SectionName = "Jobs";

    /// <summary>How long a worker's claim on a job holds without a heartbeat before another worker may take it over.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often a running job renews its lease and reads its cancel flag; well under the lease.</summary>
    [Range(0.05, 600)]
    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>
    /// The name of this machine in lease owners and the workers list; empty for the host name. Processes of one node
    /// recognise each other's dead process ids at once; leases of other nodes end only when they expire.
    /// </summary>
    [MaxLength(100)]
    public string? NodeName { get; set; }

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatSeconds * 2 > LeaseSeconds)
        {
            yield return new ValidationResult(
                $"Jobs:HeartbeatSeconds ({HeartbeatSeconds}) must be at most half of Jobs:LeaseSeconds ({LeaseSeconds}), so that one late heartbeat does not lose a running job.",
                [nameof(HeartbeatSeconds), nameof(LeaseSeconds)]);
        }
    }
}
