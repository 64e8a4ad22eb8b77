namespace ExplainerStudio.Web.Jobs;

/// <summary>What a heartbeat found in the job's row.</summary>
public enum JobBeat
{
    /// <summary>The lease is renewed; carry on.</summary>
    Held,

    /// <summary>Someone asked for the job to stop.</summary>
    CancelRequested,

    /// <summary>The row is no longer this worker's (its lease expired and another worker reclaimed it, or it was finished elsewhere).</summary>
    Lost,
}
