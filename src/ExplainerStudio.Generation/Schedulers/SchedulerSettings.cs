namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// Every setting a scheduler uses, resolved: what a pack's <c>scheduler_config.json</c> says, with the diffusers
/// default of the chosen scheduler class for anything it leaves out (<see cref="SchedulerConfig.Resolve"/>).
/// </summary>
public sealed record SchedulerSettings
{
    /// <summary>Training timesteps N (1000 for Stable Diffusion).</summary>
    public int NumTrainTimesteps { get; init; } = 1000;

    /// <summary>First β of the training schedule.</summary>
    public double BetaStart { get; init; } = 0.0001;

    /// <summary>Last β of the training schedule.</summary>
    public double BetaEnd { get; init; } = 0.02;

    /// <summary>Spacing of the β between <see cref="BetaStart"/> and <see cref="BetaEnd"/>.</summary>
    public BetaSchedule BetaSchedule { get; init; } = BetaSchedule.Linear;

    /// <summary>Explicit β per training timestep; when set it replaces the β range and schedule.</summary>
    public IReadOnlyList<double>? TrainedBetas { get; init; }

    /// <summary>What the UNet predicts.</summary>
    public PredictionType PredictionType { get; init; } = PredictionType.Epsilon;

    /// <summary>How inference timesteps are spaced.</summary>
    public TimestepSpacing TimestepSpacing { get; init; } = TimestepSpacing.Leading;

    /// <summary>Added to leading-spaced timesteps (1 for SD 1.x).</summary>
    public int StepsOffset { get; init; }

    /// <summary>DDIM/LCM: ᾱ after the last step is 1 when true, ᾱ[0] when false.</summary>
    public bool SetAlphaToOne { get; init; } = true;

    /// <summary>DDIM/LCM: clamp the predicted x₀ to ±<see cref="ClipSampleRange"/>.</summary>
    public bool ClipSample { get; init; }

    /// <summary>Bound used by <see cref="ClipSample"/>.</summary>
    public double ClipSampleRange { get; init; } = 1.0;

    /// <summary>Rescale β so the last timestep has zero signal (Lin et al. 2023).</summary>
    public bool RescaleBetasZeroSnr { get; init; }

    /// <summary>Euler family: re-space sigmas as Karras et al. (ρ = 7).</summary>
    public bool UseKarrasSigmas { get; init; }

    /// <summary>Euler with Karras sigmas: smallest sigma; the schedule's own when null.</summary>
    public double? SigmaMin { get; init; }

    /// <summary>Euler with Karras sigmas: largest sigma; the schedule's own when null.</summary>
    public double? SigmaMax { get; init; }

    /// <summary>Euler: which timestep the UNet receives for a sigma.</summary>
    public SigmaTimestepType TimestepType { get; init; } = SigmaTimestepType.Discrete;

    /// <summary>Euler: the sigma after the last step.</summary>
    public FinalSigma FinalSigma { get; init; } = FinalSigma.Zero;

    /// <summary>LCM: length of the distillation schedule the inference timesteps are taken from (50).</summary>
    public int OriginalInferenceSteps { get; init; } = 50;

    /// <summary>LCM: timestep multiplier in the boundary-condition scalings (10).</summary>
    public double TimestepScaling { get; init; } = 10.0;

    /// <summary>DDIM: noise weight η; 0 is deterministic DDIM, 1 is DDPM-like. Not part of scheduler_config.json.</summary>
    public double Eta { get; init; }
}
