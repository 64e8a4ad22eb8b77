namespace ExplainerStudio.Web.Rendering;

/// <summary>Where a job's seed comes from.</summary>
public enum SeedMode
{
    /// <summary>The shot's (or the regenerated take's) seed: the same inputs give the same take.</summary>
    Same,

    /// <summary>A fresh random seed, drawn when the job is queued and stored with it.</summary>
    New,
}
