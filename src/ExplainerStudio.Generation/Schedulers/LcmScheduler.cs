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
/// <see cref="AlphaCumprodScheduler.BeginIndex"/> stays 0 unless strength is 0.
/// </remarks>
public sealed class LcmScheduler : AlphaCumprodScheduler
{
    private const double SigmaData = 0.5;

    /// <summary>Creates the scheduler; call <see cref="SetTimesteps"/> before use.</summary>
    /// <exception cref="ArgumentException">The settings are out of range (including original inference steps
    /// outside 1 … N).</exception>
    public LcmScheduler(SchedulerSettings settings)
        : base(settings)
    {
        if (settings.OriginalInferenceSteps < 1 || settings.OriginalInferenceSteps > settings.NumTrainTimesteps)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"original_inference_steps must be in [1, {settings.NumTrainTimesteps}], not {settings.OriginalInferenceSteps}."),
                nameof(settings));
        }
    }

    /// <inheritdoc />
    public override SchedulerKind Kind => SchedulerKind.Lcm;

    /// <inheritdoc />
    public override bool NeedsStepNoise => true;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">Also when <paramref name="inferenceSteps"/> exceeds the original
    /// inference steps, or <c>⌊O·strength⌋</c> leaves fewer distillation steps than <paramref name="inferenceSteps"/>
    /// (diffusers refuses the same combinations).</exception>
    public override void SetTimesteps(int inferenceSteps, double strength = 1.0)
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
        Plan.Set(inferenceSteps, timesteps, nothingToRun ? inferenceSteps : 0);
    }

    private protected override void StepChecked(
        ReadOnlySpan<float> modelOutput, int stepIndex, Span<float> sample, GaussianNoise? noise, Span<float> predictedOriginal)
    {
        bool last = stepIndex == Plan.Count - 1;
        if (!last)
        {
            ArgumentNullException.ThrowIfNull(noise);
        }

        int t = (int)Plan[stepIndex];
        int previous = last ? t : (int)Plan[stepIndex + 1];
        double alpha = Schedule.AlphaCumprod(t);
        double alphaPrevious = AlphaCumprodOrFinal(previous);
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
}
