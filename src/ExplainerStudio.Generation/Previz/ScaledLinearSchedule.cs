namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// Stable Diffusion's "scaled_linear" noise schedule (diffusion.md B.5), in double precision: betas evenly
/// spaced in square-root space between 0.00085 and 0.012 over 1000 training steps, ᾱ their running product.
/// </summary>
internal static class ScaledLinearSchedule
{
    public const int TrainingSteps = 1000;
    public const double BetaStart = 0.00085;
    public const double BetaEnd = 0.012;

    /// <summary>ᾱ_t for t = 0..999; ᾱ[0] = 0.99915, ᾱ[999] ≈ 0.0046601.</summary>
    public static double[] AlphasCumprod()
    {
        var alphasCumprod = new double[TrainingSteps];
        double rootStart = Math.Sqrt(BetaStart);
        double rootEnd = Math.Sqrt(BetaEnd);
        double product = 1.0;
        for (int t = 0; t < TrainingSteps; t++)
        {
            double root = rootStart + ((rootEnd - rootStart) * t / (TrainingSteps - 1));
            product *= 1.0 - (root * root);
            alphasCumprod[t] = product;
        }

        return alphasCumprod;
    }
}
