namespace ExplainerStudio.Generation.Schedulers;

/// <summary>Forward diffusion for the ᾱ-parameterised schedulers (DDIM, LCM).</summary>
internal static class AlphaNoise
{
    public static void Add(
        NoiseSchedule schedule,
        StepPlan plan,
        ReadOnlySpan<float> original,
        ReadOnlySpan<float> noise,
        int stepIndex,
        Span<float> destination)
    {
        plan.CheckIndex(stepIndex, allowEnd: true);
        StepPlan.CheckLengths(original, noise, nameof(noise));
        StepPlan.CheckLengths(original, destination, nameof(destination));
        if (stepIndex == plan.Count)
        {
            original.CopyTo(destination);
            return;
        }

        double alpha = schedule.AlphaCumprod((int)plan[stepIndex]);
        float signal = (float)Math.Sqrt(alpha);
        float noiseLevel = (float)Math.Sqrt(1 - alpha);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (signal * original[i]) + (noiseLevel * noise[i]);
        }
    }
}
