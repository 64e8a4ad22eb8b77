namespace ExplainerStudio.Generation.Schedulers;

/// <summary>The arithmetic the two Euler schedulers share.</summary>
internal static class EulerMath
{
    /// <summary>diffusers: the largest sigma for linspace/trailing spacing, √(σ_max² + 1) for leading.</summary>
    public static float InitNoiseSigma(SchedulerSettings settings, float[] sigmas)
    {
        double max = sigmas.Max();
        return settings.TimestepSpacing == TimestepSpacing.Leading ? (float)Math.Sqrt((max * max) + 1) : (float)max;
    }

    public static float InputScale(float sigma) => (float)(1 / Math.Sqrt(((double)sigma * sigma) + 1));

    public static void Scale(ReadOnlySpan<float> sample, Span<float> destination, float factor)
    {
        for (int i = 0; i < sample.Length; i++)
        {
            destination[i] = sample[i] * factor;
        }
    }

    /// <summary>
    /// x₀ = output·<paramref name="outputFactor"/> + x·<paramref name="sampleFactor"/>: epsilon (−σ, 1),
    /// v_prediction (−σ/√(σ²+1), 1/(σ²+1)), sample (1, 0).
    /// </summary>
    public static void PredictionFactors(PredictionType prediction, float sigma, out float outputFactor, out float sampleFactor)
    {
        double s = sigma;
        switch (prediction)
        {
            case PredictionType.Epsilon:
                outputFactor = -sigma;
                sampleFactor = 1f;
                break;
            case PredictionType.VPrediction:
                outputFactor = (float)(-s / Math.Sqrt((s * s) + 1));
                sampleFactor = (float)(1 / ((s * s) + 1));
                break;
            default:
                outputFactor = 1f;
                sampleFactor = 0f;
                break;
        }
    }

    public static void AddNoise(ReadOnlySpan<float> original, ReadOnlySpan<float> noise, float sigma, Span<float> destination)
    {
        StepPlan.CheckLengths(original, noise, nameof(noise));
        StepPlan.CheckLengths(original, destination, nameof(destination));
        if (sigma == 0)
        {
            original.CopyTo(destination);
            return;
        }
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = original[i] + (noise[i] * sigma);
        }
    }
}
