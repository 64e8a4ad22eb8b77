namespace ExplainerStudio.Generation.Schedulers;

/// <summary>How the training noise variances β are spaced (scheduler_config.json <c>beta_schedule</c>).</summary>
public enum BetaSchedule
{
    /// <summary>β linear from beta_start to beta_end.</summary>
    Linear,

    /// <summary>√β linear from √beta_start to √beta_end (Stable Diffusion).</summary>
    ScaledLinear,

    /// <summary>The cosine schedule of improved DDPM, each β capped at 0.999.</summary>
    SquaredCosCapV2,
}
