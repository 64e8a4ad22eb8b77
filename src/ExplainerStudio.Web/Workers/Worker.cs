namespace ExplainerStudio.Web.Workers;

/// <summary>
/// A process that renders: the studio's own in-process worker or a `worker` process on another machine. It writes its
/// row when it starts, renews <see cref="HeartbeatAt"/> while it lives and removes the row when it stops cleanly, so the
/// queue can show who is there, what each can run and, from the jobs it holds, what it is doing. A row whose heartbeat
/// is older than a lease belongs to a worker that died or lost the database.
/// </summary>
public sealed class Worker
{
    /// <summary>The worker's lease owner id (<see cref="Jobs.JobOwner.Id"/>): the jobs it runs carry the same value.</summary>
    public string Id { get; set; } = "";

    /// <summary>The node name (host name unless Jobs:NodeName says otherwise).</summary>
    public string Host { get; set; } = "";

    public int ProcessId { get; set; }

    public WorkerRole Role { get; set; }

    /// <summary>The studio build it runs; a worker with another version may render other pixels.</summary>
    public string Version { get; set; } = "";

    /// <summary>Where it runs models, as recorded in take recipes ("cpu", "cuda:0"), or why it cannot run them.</summary>
    public string ExecutionProvider { get; set; } = "";

    public bool HasGpu { get; set; }

    /// <summary>The model packs in its models folder, as a JSON array of ids: it takes only jobs that need one of them.</summary>
    public string PacksJson { get; set; } = "[]";

    /// <summary>Jobs it runs at once (Rendering:Workers).</summary>
    public int Slots { get; set; }

    /// <summary>Why it cannot render (the generation engine did not start), or null.</summary>
    public string? Problem { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset HeartbeatAt { get; set; }
}
