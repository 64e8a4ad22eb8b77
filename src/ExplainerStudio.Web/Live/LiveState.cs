namespace ExplainerStudio.Web.Live;

public enum LiveState
{
    /// <summary>No Live:Redis: one machine, every update is in-process.</summary>
    SingleNode,

    /// <summary>Connected to Redis: updates reach and arrive from every node.</summary>
    Connected,

    /// <summary>Live:Redis is set but Redis cannot be reached: this node works on its own and keeps reconnecting.</summary>
    Degraded,
}
