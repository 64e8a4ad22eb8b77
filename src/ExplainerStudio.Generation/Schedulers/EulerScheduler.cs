namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// Euler's method in sigma space (Karras et al. 2022, algorithm 2 without churn) as diffusers'
/// <c>EulerDiscreteScheduler</c> runs it (diffusion.md B.9): x₀ from the prediction, derivative
/// <c>(x − x₀)/σ</c>, step to the next sigma. Deterministic.
/// </summary>
/// <remarks>Supports linear interpolation of sigmas, Karras sigmas, discrete or continuous (0.25·ln σ) timesteps
/// and a zero or sigma-min final sigma. Stochastic churn (s_churn) is not implemented; diffusers' default is 0.</remarks>
public sealed class EulerScheduler : SigmaScheduler
{
    /// <summary>Creates the scheduler; call <see cref="SigmaScheduler.SetTimesteps"/> before use.</summary>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public EulerScheduler(SchedulerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override SchedulerKind Kind => SchedulerKind.Euler;

    /// <inheritdoc />
    public override bool NeedsStepNoise => false;

    private protected override (float Down, float Up) SplitNextSigma(float sigma, float nextSigma) => (nextSigma, 0f);
}
