namespace ExplainerStudio.Web.Workers;

/// <summary>What the workers list says a worker is doing.</summary>
public enum WorkerState
{
    Idle,
    Rendering,

    /// <summary>No heartbeat for longer than a lease: killed, crashed, or cut off from the database.</summary>
    Lost,
}
