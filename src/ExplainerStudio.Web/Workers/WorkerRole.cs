namespace ExplainerStudio.Web.Workers;

/// <summary>What kind of process a <see cref="Worker"/> is.</summary>
public enum WorkerRole
{
    /// <summary>The render worker inside a web studio (Rendering:RunWorkers).</summary>
    Studio,

    /// <summary>A `worker` process: render machinery only, no web server.</summary>
    Worker,
}
