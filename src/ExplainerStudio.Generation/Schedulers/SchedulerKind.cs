namespace ExplainerStudio.Generation.Schedulers;

/// <summary>The sampling algorithms the studio implements.</summary>
public enum SchedulerKind
{
    /// <summary>DDIM (diffusers <c>DDIMScheduler</c>); deterministic unless eta &gt; 0.</summary>
    Ddim,

    /// <summary>Euler, discrete timesteps (diffusers <c>EulerDiscreteScheduler</c>).</summary>
    Euler,

    /// <summary>Euler ancestral (diffusers <c>EulerAncestralDiscreteScheduler</c>); adds fresh noise every step.</summary>
    EulerAncestral,

    /// <summary>Latent consistency (diffusers <c>LCMScheduler</c>) for LCM-distilled UNets, 1–8 steps.</summary>
    Lcm,
}
