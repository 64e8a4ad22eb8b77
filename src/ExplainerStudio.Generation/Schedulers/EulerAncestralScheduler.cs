using System.Collections.ObjectModel;
using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// Euler ancestral as diffusers' <c>EulerAncestralDiscreteScheduler</c> runs it (diffusion.md B.9): an Euler step
/// down to <c>σ_down</c>, then fresh noise of size <c>σ_up</c>, with
/// <c>σ_up = √(σ_to²(σ_from² − σ_to²)/σ_from²)</c> and <c>σ_down = √(σ_to² − σ_up²)</c>.
/// Every step draws one noise sample per latent element from the generator passed to <see cref="Step"/>
/// (also the last, where σ_up is 0, as diffusers does).
/// </summary>
/// <remarks>Prediction types epsilon and v_prediction (diffusers does not implement sample here).</remarks>
public sealed class EulerAncestralScheduler : IScheduler
{
    private readonly SigmaSteps _sigmaSteps;
    private readonly StepPlan _plan = new();
    private float[] _sigmas = [];

    /// <summary>Creates the scheduler; call <see cref="SetTimesteps"/> before use.</summary>
    /// <exception cref="ArgumentException">The settings are out of range, ask for Karras sigmas, continuous
    /// timesteps or a sigma-min final sigma (which this scheduler does not have), or predict the sample.</exception>
    public EulerAncestralScheduler(SchedulerSettings settings)
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
        Schedule = NoiseSchedule.Create(settings);
        _sigmaSteps = new SigmaSteps(settings, Schedule);
        Settings = settings;
        Sigmas = ReadOnlyCollection<float>.Empty;
    }

    /// <inheritdoc />
    public SchedulerKind Kind => SchedulerKind.EulerAncestral;

    /// <inheritdoc />
    public SchedulerSettings Settings { get; }

    /// <summary>The training noise schedule.</summary>
    public NoiseSchedule Schedule { get; }

    /// <inheritdoc />
    public int InferenceSteps => _plan.InferenceSteps;

    /// <inheritdoc />
    public IReadOnlyList<float> Timesteps => _plan.View;

    /// <summary>The sigma at each step index, plus the final sigma 0 (one more than <see cref="Timesteps"/>).</summary>
    public IReadOnlyList<float> Sigmas { get; private set; }

    /// <inheritdoc />
    public int BeginIndex => _plan.BeginIndex;

    /// <inheritdoc />
    public int StepsToRun => _plan.Count - _plan.BeginIndex;

    /// <inheritdoc />
    public float InitNoiseSigma { get; private set; } = 1f;

    /// <inheritdoc />
    public bool NeedsStepNoise => true;

    /// <inheritdoc />
    public void SetTimesteps(int inferenceSteps, double strength = 1.0)
    {
        InferenceTimesteps.CheckArguments(Settings, inferenceSteps, strength);
        (float[] sigmas, float[] timesteps) = _sigmaSteps.Compute(inferenceSteps);
        _sigmas = sigmas;
        Sigmas = Array.AsReadOnly(sigmas);
        InitNoiseSigma = EulerMath.InitNoiseSigma(Settings, sigmas);
        _plan.Set(inferenceSteps, timesteps, InferenceTimesteps.BeginIndex(inferenceSteps, strength));
    }

    /// <inheritdoc />
    public float ModelInputScale(int stepIndex)
    {
        _plan.CheckIndex(stepIndex);
        return EulerMath.InputScale(_sigmas[stepIndex]);
    }

    /// <inheritdoc />
    public void ScaleModelInput(ReadOnlySpan<float> sample, Span<float> destination, int stepIndex)
    {
        StepPlan.CheckLengths(sample, destination, nameof(destination));
        EulerMath.Scale(sample, destination, ModelInputScale(stepIndex));
    }

    /// <inheritdoc />
    public void Step(
        ReadOnlySpan<float> modelOutput,
        int stepIndex,
        Span<float> sample,
        GaussianNoise? noise = null,
        Span<float> predictedOriginal = default)
    {
        _plan.CheckIndex(stepIndex);
        EulerMath.CheckStep(modelOutput, sample, predictedOriginal);
        ArgumentNullException.ThrowIfNull(noise);

        float sigma = _sigmas[stepIndex];
        double from = sigma;
        double to = _sigmas[stepIndex + 1];
        double up = Math.Sqrt(to * to * ((from * from) - (to * to)) / (from * from));
        double down = Math.Sqrt((to * to) - (up * up));
        float sigmaUp = (float)up;
        float dt = (float)down - sigma;
        EulerMath.PredictionFactors(Settings.PredictionType, sigma, out float outputFactor, out float sampleFactor);

        for (int i = 0; i < sample.Length; i++)
        {
            float x = sample[i];
            float x0 = (modelOutput[i] * outputFactor) + (x * sampleFactor);
            if (!predictedOriginal.IsEmpty)
            {
                predictedOriginal[i] = x0;
            }
            float derivative = (x - x0) / sigma;
            sample[i] = x + (derivative * dt) + (noise.Next() * sigmaUp);
        }
    }

    /// <inheritdoc />
    public void AddNoise(ReadOnlySpan<float> original, ReadOnlySpan<float> noise, int stepIndex, Span<float> destination)
    {
        _plan.CheckIndex(stepIndex, allowEnd: true);
        EulerMath.AddNoise(original, noise, stepIndex == _plan.Count ? 0f : _sigmas[stepIndex], destination);
    }
}
