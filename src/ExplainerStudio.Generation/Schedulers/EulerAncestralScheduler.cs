namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// Euler ancestral as diffusers' <c>EulerAncestralDiscreteScheduler</c> runs it (diffusion.md B.9): an Euler step
/// down to <c>σ_down</c>, then fresh noise of size <c>σ_up</c>, with
/// <c>σ_up = √(σ_to²(σ_from² − σ_to²)/σ_from²)</c> and <c>σ_down = √(σ_to² − σ_up²)</c>.
/// Every step draws one noise sample per latent element from the generator passed to
/// <see cref="SigmaScheduler.Step"/> (also the last, where σ_up is 0, as diffusers does).
/// </summary>
/// <remarks>Prediction types epsilon and v_prediction (diffusers does not implement sample here). Its final sigma
/// is always 0.</remarks>
public sealed class EulerAncestralScheduler : SigmaScheduler
{
    /// <summary>Creates the scheduler; call <see cref="SigmaScheduler.SetTimesteps"/> before use.</summary>
    /// <exception cref="ArgumentException">The settings are out of range, ask for Karras sigmas, continuous
    /// timesteps or a sigma-min final sigma (which this scheduler does not have), or predict the sample.</exception>
    public EulerAncestralScheduler(SchedulerSettings settings)
        : base(Supported(settings))
    {
    }

    /// <inheritdoc />
    public override SchedulerKind Kind => SchedulerKind.EulerAncestral;

    /// <inheritdoc />
    public override bool NeedsStepNoise => true;

    private protected override (float Down, float Up) SplitNextSigma(float sigma, float nextSigma)
    {
        double from = sigma;
        double to = nextSigma;
        double up = Math.Sqrt(to * to * ((from * from) - (to * to)) / (from * from));
        double down = Math.Sqrt((to * to) - (up * up));
        return ((float)down, (float)up);
    }

    // Runs before the base constructor so these messages win over the general range checks, as they always have.
    private static SchedulerSettings Supported(SchedulerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PredictionType == PredictionType.Sample)
        {
            throw new ArgumentException("Euler ancestral supports epsilon and v_prediction models only.", nameof(settings));
        }
        if (settings.UseKarrasSigmas || settings.TimestepType != SigmaTimestepType.Discrete || settings.FinalSigma != FinalSigma.Zero)
        {
            throw new ArgumentException(
                "Euler ancestral has no Karras sigmas, continuous timesteps or sigma-min final sigma; use Euler for those.",
                nameof(settings));
        }
        return settings;
    }
}
