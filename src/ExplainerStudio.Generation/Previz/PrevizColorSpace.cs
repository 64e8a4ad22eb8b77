namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// The previz latent colour space. Channels 0..2 of a scaled latent (the encoder output × 0.18215) are luma
/// and two chroma differences of the 8×8-averaged RGB in [-1, 1], BT.601 weights:
/// <c>z0 = LumaGain·Y</c>, <c>z1 = ChromaGain·(B − Y)/1.772</c>, <c>z2 = ChromaGain·(R − Y)/1.402</c>;
/// channel 3 is always zero. The gains give ordinary images roughly unit variance in the scaled latents,
/// which is what the SD noise schedule assumes.
/// </summary>
internal static class PrevizColorSpace
{
    /// <summary>The SD 1.x/2.x VAE scaling factor that pipelines apply after encoding and undo before decoding.</summary>
    public const double ScalingFactor = 0.18215;

    /// <summary>Luma gain: typical luma in [-1, 1] has a standard deviation near 0.5.</summary>
    public const double LumaGain = 2.0;

    /// <summary>Chroma gain: chroma differences of ordinary images are smaller than luma, so they get more.</summary>
    public const double ChromaGain = 4.0;

    private const double Kr = 0.299;
    private const double Kg = 0.587;
    private const double Kb = 0.114;

    /// <summary>Row-major 3×3: RGB in [-1, 1] → scaled latent channels 0..2.</summary>
    public static double[,] Forward { get; } = BuildForward();

    /// <summary>Row-major 3×3: scaled latent channels 0..2 → RGB in [-1, 1].</summary>
    public static double[,] Inverse { get; } = Invert(Forward);

    /// <summary>The scaled latent (4 channels) of one RGB colour given in [-1, 1].</summary>
    public static double[] ToScaledLatent(double r, double g, double b)
    {
        double[,] m = Forward;
        return
        [
            (m[0, 0] * r) + (m[0, 1] * g) + (m[0, 2] * b),
            (m[1, 0] * r) + (m[1, 1] * g) + (m[1, 2] * b),
            (m[2, 0] * r) + (m[2, 1] * g) + (m[2, 2] * b),
            0.0,
        ];
    }

    private static double[,] BuildForward()
    {
        double cb = ChromaGain / (2.0 * (1.0 - Kb));
        double cr = ChromaGain / (2.0 * (1.0 - Kr));
        return new double[,]
        {
            { LumaGain * Kr, LumaGain * Kg, LumaGain * Kb },
            { -cb * Kr, -cb * Kg, cb * (1.0 - Kb) },
            { cr * (1.0 - Kr), -cr * Kg, -cr * Kb },
        };
    }

    private static double[,] Invert(double[,] m)
    {
        // Cofactor inverse: only exact IEEE operations, so the result is the same on every platform.
        double c00 = (m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1]);
        double c01 = (m[1, 2] * m[2, 0]) - (m[1, 0] * m[2, 2]);
        double c02 = (m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0]);
        double determinant = (m[0, 0] * c00) + (m[0, 1] * c01) + (m[0, 2] * c02);
        return new double[,]
        {
            { c00 / determinant, ((m[0, 2] * m[2, 1]) - (m[0, 1] * m[2, 2])) / determinant, ((m[0, 1] * m[1, 2]) - (m[0, 2] * m[1, 1])) / determinant },
            { c01 / determinant, ((m[0, 0] * m[2, 2]) - (m[0, 2] * m[2, 0])) / determinant, ((m[0, 2] * m[1, 0]) - (m[0, 0] * m[1, 2])) / determinant },
            { c02 / determinant, ((m[0, 1] * m[2, 0]) - (m[0, 0] * m[2, 1])) / determinant, ((m[0, 0] * m[1, 1]) - (m[0, 1] * m[1, 0])) / determinant },
        };
    }
}
