using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// What the ᾱ-parameterised schedulers (DDIM, LCM) share: integer timesteps into the training schedule, unscaled
/// model input, unit initial noise, the final ᾱ after the last step and forward diffusion
/// <c>√ᾱ_t·x₀ + √(1−ᾱ_t)·ε</c>.
/// </summary>
public abstract class AlphaCumprodScheduler : IScheduler
{
    // Only the schedulers of this assembly derive from it; the constructor keeps it closed to others.
    private protected AlphaCumprodScheduler(SchedulerSettings settings)
    {
        Schedule = NoiseSchedule.Create(settings);
        Settings = settings;
    }

    /// <inheritdoc />
    public abstract SchedulerKind Kind { get; }

    /// <inheritdoc />
    public SchedulerSettings Settings { get; }

    /// <summary>The training noise schedule.</summary>
    public NoiseSchedule Schedule { get; }

    /// <inheritdoc />
    public int InferenceSteps => Plan.InferenceSteps;

    /// <inheritdoc />
    public IReadOnlyList<float> Timesteps => Plan.View;

    /// <inheritdoc />
    public int BeginIndex => Plan.BeginIndex;

    /// <inheritdoc />
    public int StepsToRun => Plan.Count - Plan.BeginIndex;

    /// <inheritdoc />
    public float InitNoiseSigma => 1f;

    /// <inheritdoc />
    public abstract bool NeedsStepNoise { get; }

    /// <summary>ᾱ after the last step: 1 with set_alpha_to_one, else ᾱ[0].</summary>
    public double FinalAlphaCumprod => Settings.SetAlphaToOne ? 1.0 : Schedule.AlphaCumprod(0);

    private protected StepPlan Plan { get; } = new();

    /// <inheritdoc />
    public abstract void SetTimesteps(int inferenceSteps, double strength = 1.0);

    /// <inheritdoc />
    public float ModelInputScale(int stepIndex)
    {
        Plan.CheckIndex(stepIndex);
        return 1f;
    }

    /// <inheritdoc />
    public void ScaleModelInput(ReadOnlySpan<float> sample, Span<float> destination, int stepIndex)
    {
        Plan.CheckIndex(stepIndex);
        StepPlan.CheckLengths(sample, destination, nameof(destination));
        sample.CopyTo(destination);
    }

    /// <inheritdoc />
    public void Step(
        ReadOnlySpan<float> modelOutput,
        int stepIndex,
        Span<float> sample,
        GaussianNoise? noise = null,
        Span<float> predictedOriginal = default)
    {
        Plan.CheckStep(stepIndex, modelOutput, sample, predictedOriginal);
        StepChecked(modelOutput, stepIndex, sample, noise, predictedOriginal);
    }

    /// <inheritdoc />
    public void AddNoise(ReadOnlySpan<float> original, ReadOnlySpan<float> noise, int stepIndex, Span<float> destination)
    {
        Plan.CheckIndex(stepIndex, allowEnd: true);
        StepPlan.CheckLengths(original, noise, nameof(noise));
        StepPlan.CheckLengths(original, destination, nameof(destination));
        if (stepIndex == Plan.Count)
        {
            original.CopyTo(destination);
            return;
        }

        double alpha = Schedule.AlphaCumprod((int)Plan[stepIndex]);
        float signal = (float)Math.Sqrt(alpha);
        float noiseLevel = (float)Math.Sqrt(1 - alpha);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (signal * original[i]) + (noiseLevel * noise[i]);
        }
    }

    /// <summary>ᾱ at training timestep <paramref name="t"/>, or <see cref="FinalAlphaCumprod"/> below 0.</summary>
    private protected double AlphaCumprodOrFinal(int t) => t >= 0 ? Schedule.AlphaCumprod(t) : FinalAlphaCumprod;

    /// <summary><see cref="Step"/> once its step index and buffer lengths are checked.</summary>
    private protected abstract void StepChecked(
        ReadOnlySpan<float> modelOutput, int stepIndex, Span<float> sample, GaussianNoise? noise, Span<float> predictedOriginal);
}
