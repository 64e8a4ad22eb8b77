using System.Globalization;
using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// Latent consistency sampling as diffusers' <c>LCMScheduler</c> runs it (diffusion.md B.11), for UNets distilled
/// with LCM: each step maps the sample straight to a clean estimate
/// <c>c_out·x₀ + c_skip·x</c> (σ_data = 0.5, timestep scaled by <see cref="SchedulerSettings.TimestepScaling"/>)
/// and, unless it is the last step, re-noises it to the next timestep with fresh noise. Guidance goes into the
/// UNet as <c>timestep_cond</c> (<see cref="GuidanceEmbedding"/>), not as a second batch.
/// </summary>
/// <remarks>
/// Timesteps come from the distillation schedule <c>[1 … ⌊O·strength⌋]·(N div O) − 1</c> (O = original inference
/// steps, 50), reversed and sampled at <c>⌊linspace(0, len, n, endpoint = false)⌋</c>: n = 4 gives
/// 999, 759, 499, 259. Image-to-image shortens that schedule instead of skipping steps, so
/// <see cref="BeginIndex"/> stays 0 unless strength is 0.
/// </remarks>
public sealed class LcmScheduler : IScheduler
{
    private const double SigmaData = 0.5;

    private readonly NoiseSchedule _schedule;
    private readonly StepPlan _plan = new();

    /// <summary>Creates the scheduler; call <see cref="SetTimesteps"/> before use.</summary>
    /// <exception cref="ArgumentException">The settings are out of range (including original inference steps
    /// outside 1 … N).</exception>
    public LcmScheduler(SchedulerSettings settings)
    {
        _schedule = NoiseSchedule.Create(settings);
        if (settings.OriginalInferenceSteps < 1 || settings.OriginalInferenceSteps > settings.NumTrainTimesteps)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"original_inference_steps must be in [1, {settings.NumTrainTimesteps}], not {settings.OriginalInferenceSteps}."),
                nameof(settings));
        }
        Settings = settings;
    }

    /// <inheritdoc />
    public SchedulerKind Kind => SchedulerKind.Lcm;

    /// <inheritdoc />
    public SchedulerSettings Settings { get; }

    /// <summary>The training noise schedule.</summary>
    public NoiseSchedule Schedule => _schedule;

    /// <inheritdoc />
    public int InferenceSteps => _plan.InferenceSteps;

    /// <inheritdoc />
    public IReadOnlyList<float> Timesteps => _plan.View;

    /// <inheritdoc />
    public int BeginIndex => _plan.BeginIndex;

    /// <inheritdoc />
    public int StepsToRun => _plan.Count - _plan.BeginIndex;

    /// <inheritdoc />
    public float InitNoiseSigma => 1f;

    /// <inheritdoc />
    public bool NeedsStepNoise => true;

    /// <summary>ᾱ after the last step: 1 with set_alpha_to_one, else ᾱ[0].</summary>
    public double FinalAlphaCumprod => Settings.SetAlphaToOne ? 1.0 : _schedule.AlphaCumprod(0);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">Also when <paramref name="inferenceSteps"/> exceeds the original
    /// inference steps, or <c>⌊O·strength⌋</c> leaves fewer distillation steps than <paramref name="inferenceSteps"/>
    /// (diffusers refuses the same combinations).</exception>
    public void SetTimesteps(int inferenceSteps, double strength = 1.0)
    {
        InferenceTimesteps.CheckArguments(Settings, inferenceSteps, strength);
        int originalSteps = Settings.OriginalInferenceSteps;
        if (inferenceSteps > originalSteps)
        {
            throw new ArgumentOutOfRangeException(
                nameof(inferenceSteps),
                inferenceSteps,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"LCM takes its steps from a {originalSteps}-step distillation schedule; use at most {originalSteps} steps."));
        }

        // Strength 0 leaves the image untouched: keep the full schedule and start past its end.
        bool nothingToRun = strength == 0;
        int originLength = nothingToRun ? originalSteps : (int)(originalSteps * strength);
        if (originLength < inferenceSteps)
        {
            throw new ArgumentOutOfRangeException(
                nameof(strength),
                strength,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"LCM with {inferenceSteps} steps needs strength of at least {inferenceSteps}/{originalSteps}; lower the step count or raise the strength."));
        }

        int spacing = Settings.NumTrainTimesteps / originalSteps;
        var timesteps = new float[inferenceSteps];
        for (int i = 0; i < inferenceSteps; i++)
        {
            int index = (int)Math.Floor(i * (originLength / (double)inferenceSteps));
            timesteps[i] = ((originLength - index) * spacing) - 1;
        }
        _plan.Set(inferenceSteps, timesteps, nothingToRun ? inferenceSteps : 0);
    }

    /// <inheritdoc />
    public float ModelInputScale(int stepIndex)
    {
        _plan.CheckIndex(stepIndex);
        return 1f;
    }

    /// <inheritdoc />
    public void ScaleModelInput(ReadOnlySpan<float> sample, Span<float> destination, int stepIndex)
    {
        _plan.CheckIndex(stepIndex);
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
        _plan.CheckIndex(stepIndex);
        StepPlan.CheckLengths(sample, modelOutput, nameof(modelOutput));
        if (!predictedOriginal.IsEmpty)
        {
            StepPlan.CheckLengths(sample, predictedOriginal, nameof(predictedOriginal));
        }
        bool last = stepIndex == _plan.Count - 1;
        if (!last)
        {
            ArgumentNullException.ThrowIfNull(noise);
        }

        int t = (int)_plan[stepIndex];
        int previous = last ? t : (int)_plan[stepIndex + 1];
        double alpha = _schedule.AlphaCumprod(t);
        double alphaPrevious = previous >= 0 ? _schedule.AlphaCumprod(previous) : FinalAlphaCumprod;
        double scaled = t * Settings.TimestepScaling;
        double denominator = (scaled * scaled) + (SigmaData * SigmaData);
        float skip = (float)(SigmaData * SigmaData / denominator);
        float output = (float)(scaled / Math.Sqrt(denominator));

        float sqrtAlpha = (float)Math.Sqrt(alpha);
        float sqrtBeta = (float)Math.Sqrt(1 - alpha);
        float sqrtAlphaPrevious = (float)Math.Sqrt(alphaPrevious);
        float sqrtBetaPrevious = (float)Math.Sqrt(1 - alphaPrevious);
        float clip = (float)Settings.ClipSampleRange;
        bool clipSample = Settings.ClipSample;
        PredictionType prediction = Settings.PredictionType;

        for (int i = 0; i < sample.Length; i++)
        {
            float x = sample[i];
            float m = modelOutput[i];
            float x0 = prediction switch
            {
                PredictionType.Epsilon => (x - (sqrtBeta * m)) / sqrtAlpha,
                PredictionType.VPrediction => (sqrtAlpha * x) - (sqrtBeta * m),
                _ => m,
            };
            if (clipSample)
            {
                x0 = Math.Clamp(x0, -clip, clip);
            }
            float denoised = (output * x0) + (skip * x);
            if (!predictedOriginal.IsEmpty)
            {
                predictedOriginal[i] = denoised;
            }
            sample[i] = last ? denoised : (sqrtAlphaPrevious * denoised) + (sqrtBetaPrevious * noise!.Next());
        }
    }

    /// <inheritdoc />
    public void AddNoise(ReadOnlySpan<float> original, ReadOnlySpan<float> noise, int stepIndex, Span<float> destination) =>
        AlphaNoise.Add(_schedule, _plan, original, noise, stepIndex, destination);
}
