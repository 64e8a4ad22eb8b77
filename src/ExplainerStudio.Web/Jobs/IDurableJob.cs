namespace ExplainerStudio.Web.Jobs;

/// <summary>
/// The columns every durable job row shares, whatever it produces: its identity, the project whose members follow it,
/// a cancel request that a worker in any process reads at its next heartbeat, and the lease of the worker running it.
/// </summary>
public interface IDurableJob
{
    int Id { get; }
    int ProjectId { get; }

    /// <summary>Set on a running job by whoever cancels it; the worker holding the lease stops at its next heartbeat.</summary>
    bool CancelRequested { get; set; }

    /// <summary>The worker (<see cref="JobOwner"/>) running the job; null while it is not running.</summary>
    string? LeaseOwner { get; set; }

    /// <summary>Until when the owner's claim holds; past it, with no heartbeat, any worker may reclaim the job.</summary>
    DateTimeOffset? LeaseExpiresAt { get; set; }
}
