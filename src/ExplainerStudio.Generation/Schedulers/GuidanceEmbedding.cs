namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// The guidance-scale embedding LCM UNets take as <c>timestep_cond</c> (diffusion.md B.11): for
/// <c>w = guidance_scale − 1</c> and <c>half = dim/2</c>, <c>[sin(1000·w·f_k)…, cos(1000·w·f_k)…]</c> with
/// <c>f_k = exp(−k·ln 10000/(half − 1))</c>, zero-padded when <c>dim</c> is odd.
/// </summary>
/// <remarks>
/// Computed in double and rounded to float. diffusers computes the arguments in float32, whose rounding at
/// arguments of a few thousand radians moves the high-frequency entries by up to 2.5e-4; the UNet does not
/// notice.
/// </remarks>
public static class GuidanceEmbedding
{
    /// <summary>The embedding for <paramref name="w"/> (guidance scale minus one) with
    /// <paramref name="dimension"/> entries (the UNet's time_cond_proj_dim, 256 for LCM SD 1.5).</summary>
    public static float[] Create(double w, int dimension)
    {
        var embedding = new float[dimension];
        Fill(w, embedding);
        return embedding;
    }

    /// <summary>Writes the embedding into <paramref name="destination"/>; its length is the dimension
    /// (at least 4). To feed a batch, fill each row.</summary>
    public static void Fill(double w, Span<float> destination)
    {
        if (destination.Length < 4)
        {
            throw new ArgumentException("The guidance embedding needs at least 4 entries.", nameof(destination));
        }
        if (!double.IsFinite(w))
        {
            throw new ArgumentOutOfRangeException(nameof(w), w, "The guidance weight must be a finite number.");
        }

        int half = destination.Length / 2;
        double scaled = w * 1000.0;
        double exponentStep = Math.Log(10000.0) / (half - 1);
        for (int k = 0; k < half; k++)
        {
            double argument = scaled * Math.Exp(-k * exponentStep);
            destination[k] = (float)Math.Sin(argument);
            destination[half + k] = (float)Math.Cos(argument);
        }
        if (destination.Length % 2 == 1)
        {
            destination[^1] = 0f;
        }
    }
}
