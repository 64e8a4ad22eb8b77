using System.Collections.ObjectModel;
using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// Euler's method in sigma space (Karras et al. 2022, algorithm 2 without churn) as diffusers'
/// <c>EulerDiscreteScheduler</c> runs it (diffusion.md B.9): x₀ from the prediction, derivative
/// <c>(x − x₀)/σ</c>, step to the next sigma. Deterministic.
/// </summary>
/// <remarks>Supports linear interpolation of sigmas, Karras sigmas, discrete or continuous (0.25·ln σ) timesteps
/// and a zero or sigma-min final sigma. Stochastic churn (s_churn) is not implemented; diffusers' default is 0.</remarks>
public sealed class EulerScheduler : IScheduler
{
    private readonly SigmaSteps _sigmaSteps;
    private readonly StepPlan _plan = new();
    private float[] _sigmas = [];

    /// <summary>Creates the scheduler; call <see cref="SetTimesteps"/> before use.</summary>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public EulerScheduler(SchedulerSettings settings)
    {
        Schedule = NoiseSchedule.Create(settings);
        _sigmaSteps = new SigmaSteps(settings, Schedule);
        Settings = settings;
        Sigmas = ReadOnlyCollection<float>.Empty;
    }

    /// <inheritdoc />
    public SchedulerKind Kind => SchedulerKind.Euler;

    /// <inheritdoc />
    public SchedulerSettings Settings { get; }

    /// <summary>The training noise schedule.</summary>
    public NoiseSchedule Schedule { get; }

    /// <inheritdoc />
    public int InferenceSteps => _plan.InferenceSteps;

    /// <inheritdoc />
    public IReadOnlyList<float> Timesteps => _plan.View;

    /// <summary>The sigma at each step index, plus the final sigma (one more than <see cref="Timesteps"/>).</summary>
    public IReadOnlyList<float> Sigmas { get; private set; }

    /// <inheritdoc />
    public int BeginIndex => _plan.BeginIndex;

    /// <inheritdoc />
    public int StepsToRun => _plan.Count - _plan.BeginIndex;

    /// <inheritdoc />
    public float InitNoiseSigma { get; private set; } = 1f;

    /// <inheritdoc />
    public bool NeedsStepNoise => false;

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
        float sigma = _sigmas[stepIndex];
        float dt = _sigmas[stepIndex + 1] - sigma;
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
            sample[i] = x + (derivative * dt);
        }
    }

    /// <inheritdoc />
    public void AddNoise(ReadOnlySpan<float> original, ReadOnlySpan<float> noise, int stepIndex, Span<float> destination)
    {
        _plan.CheckIndex(stepIndex, allowEnd: true);
        EulerMath.AddNoise(original, noise, stepIndex == _plan.Count ? 0f : _sigmas[stepIndex], destination);
    }
}
