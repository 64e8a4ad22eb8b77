using System.Collections.ObjectModel;
using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// What the Euler schedulers share (diffusion.md B.9): sigmas interpolated at the inference timesteps, the initial
/// noise sigma, input scaling by <c>1/√(σ²+1)</c>, forward diffusion <c>x₀ + σ·ε</c>, and an Euler step in sigma
/// space whose target sigma and added noise each scheduler chooses.
/// </summary>
public abstract class SigmaScheduler : IScheduler
{
    private readonly SigmaSteps _sigmaSteps;
    private readonly StepPlan _plan = new();
    private float[] _sigmas = [];

    // Only the schedulers of this assembly derive from it; the constructor keeps it closed to others.
    private protected SigmaScheduler(SchedulerSettings settings)
    {
        Schedule = NoiseSchedule.Create(settings);
        _sigmaSteps = new SigmaSteps(settings, Schedule);
        Settings = settings;
        Sigmas = ReadOnlyCollection<float>.Empty;
    }

    /// <inheritdoc />
    public abstract SchedulerKind Kind { get; }

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
    public abstract bool NeedsStepNoise { get; }

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
        _plan.CheckStep(stepIndex, modelOutput, sample, predictedOriginal);
        // A deterministic scheduler must leave a generator it is handed untouched.
        GaussianNoise? stepNoise = null;
        if (NeedsStepNoise)
        {
            ArgumentNullException.ThrowIfNull(noise);
            stepNoise = noise;
        }

        float sigma = _sigmas[stepIndex];
        (float sigmaDown, float sigmaUp) = SplitNextSigma(sigma, _sigmas[stepIndex + 1]);
        float dt = sigmaDown - sigma;
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
            float next = x + (derivative * dt);
            if (stepNoise is not null)
            {
                next += stepNoise.Next() * sigmaUp;
            }
            sample[i] = next;
        }
    }

    /// <inheritdoc />
    public void AddNoise(ReadOnlySpan<float> original, ReadOnlySpan<float> noise, int stepIndex, Span<float> destination)
    {
        _plan.CheckIndex(stepIndex, allowEnd: true);
        EulerMath.AddNoise(original, noise, stepIndex == _plan.Count ? 0f : _sigmas[stepIndex], destination);
    }

    /// <summary>
    /// Splits the move from <paramref name="sigma"/> to <paramref name="nextSigma"/> into the sigma the Euler step
    /// lands on and the standard deviation of the fresh noise added after it (used only when
    /// <see cref="NeedsStepNoise"/>).
    /// </summary>
    private protected abstract (float Down, float Up) SplitNextSigma(float sigma, float nextSigma);
}
