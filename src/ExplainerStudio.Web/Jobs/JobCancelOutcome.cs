namespace ExplainerStudio.Web.Jobs;

/// <summary>What a cancel request did to a job's row.</summary>
public enum JobCancelOutcome
{
    /// <summary>The job was still queued and is now cancelled; no worker will take it.</summary>
    Dequeued,

    /// <summary>The job is running; its cancel flag is set and the worker holding it stops at its next heartbeat.</summary>
    Requested,

    /// <summary>The job had already finished, failed or been cancelled.</summary>
    AlreadyOver,
}
