using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// DDIM (Song et al. 2021) as diffusers' <c>DDIMScheduler</c> runs it (diffusion.md B.8): predict x₀, then move to
/// the previous timestep <c>t − N div n</c> along the predicted noise direction, adding
/// <c>η·σ_t</c>-weighted noise when <see cref="SchedulerSettings.Eta"/> &gt; 0.
/// </summary>
/// <remarks>
/// The previous timestep is always <c>t − N div n</c>, also for trailing and linspace spacing, as in diffusers.
/// Per-step coefficients are computed in double and applied in float.
/// </remarks>
public sealed class DdimScheduler : AlphaCumprodScheduler
{
    /// <summary>Creates the scheduler; call <see cref="SetTimesteps"/> before use.</summary>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public DdimScheduler(SchedulerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override SchedulerKind Kind => SchedulerKind.Ddim;

    /// <inheritdoc />
    public override bool NeedsStepNoise => Settings.Eta > 0;

    /// <inheritdoc />
    public override void SetTimesteps(int inferenceSteps, double strength = 1.0)
    {
        InferenceTimesteps.CheckArguments(Settings, inferenceSteps, strength);
        double[] timesteps = InferenceTimesteps.Spaced(Settings, inferenceSteps, roundLinspace: true);
        Plan.Set(
            inferenceSteps,
            timesteps.Select(t => (float)t).ToArray(),
            InferenceTimesteps.BeginIndex(inferenceSteps, strength));
    }

    private protected override void StepChecked(
        ReadOnlySpan<float> modelOutput, int stepIndex, Span<float> sample, GaussianNoise? noise, Span<float> predictedOriginal)
    {
        if (NeedsStepNoise)
        {
            ArgumentNullException.ThrowIfNull(noise);
        }

        int t = (int)Plan[stepIndex];
        int previous = t - (Settings.NumTrainTimesteps / Plan.InferenceSteps);
        double alpha = Schedule.AlphaCumprod(t);
        double alphaPrevious = AlphaCumprodOrFinal(previous);
        double beta = 1 - alpha;
        double betaPrevious = 1 - alphaPrevious;
        double variance = betaPrevious / beta * (1 - (alpha / alphaPrevious));
        double stdDev = Settings.Eta * Math.Sqrt(variance);

        float sqrtAlpha = (float)Math.Sqrt(alpha);
        float sqrtBeta = (float)Math.Sqrt(beta);
        float sqrtAlphaPrevious = (float)Math.Sqrt(alphaPrevious);
        float direction = (float)Math.Sqrt(1 - alphaPrevious - (stdDev * stdDev));
        float noiseScale = (float)stdDev;
        float clip = (float)Settings.ClipSampleRange;
        bool clipSample = Settings.ClipSample;
        PredictionType prediction = Settings.PredictionType;

        for (int i = 0; i < sample.Length; i++)
        {
            float x = sample[i];
            float m = modelOutput[i];
            float x0;
            float epsilon;
            switch (prediction)
            {
                case PredictionType.Epsilon:
                    x0 = (x - (sqrtBeta * m)) / sqrtAlpha;
                    epsilon = m;
                    break;
                case PredictionType.VPrediction:
                    x0 = (sqrtAlpha * x) - (sqrtBeta * m);
                    epsilon = (sqrtAlpha * m) + (sqrtBeta * x);
                    break;
                default:
                    x0 = m;
                    epsilon = (x - (sqrtAlpha * x0)) / sqrtBeta;
                    break;
            }
            if (clipSample)
            {
                x0 = Math.Clamp(x0, -clip, clip);
            }
            if (!predictedOriginal.IsEmpty)
            {
                predictedOriginal[i] = x0;
            }
            float next = (sqrtAlphaPrevious * x0) + (direction * epsilon);
            if (noise is not null && noiseScale > 0)
            {
                next += noiseScale * noise.Next();
            }
            sample[i] = next;
        }
    }
}
