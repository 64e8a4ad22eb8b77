namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// A weighted joint CIELAB histogram (4 lightness × 8 a* × 8 b* bins) with soft (trilinear) binning, so a colour
/// near a bin edge does not flip the distance, and the Hellinger distance between two of them (0 = same colour
/// distribution, 1 = no colour in common).
/// </summary>
/// <remarks>Lightness gets few bins because the renderer's shading moves it more than it moves hue; a* and b*
/// span ±80, which holds every sRGB colour but the most saturated few (those are clamped into the edge bins).</remarks>
internal static class ColourHistogram
{
    public const int LightnessBins = 4;
    public const int ChromaBins = 8;
    private const float ChromaRange = 80f;

    public static double[] Build(LabImage image, ReadOnlySpan<float> weights)
    {
        var bins = new double[LightnessBins * ChromaBins * ChromaBins];
        double total = 0;
        for (int i = 0; i < image.Length; i++)
        {
            float w = weights.IsEmpty ? 1f : weights[i];
            if (w <= 0)
            {
                continue;
            }

            (int l0, float lf) = Position(image.L[i] / 100f * LightnessBins, LightnessBins);
            (int a0, float af) = Position((image.A[i] + ChromaRange) / (2 * ChromaRange) * ChromaBins, ChromaBins);
            (int b0, float bf) = Position((image.B[i] + ChromaRange) / (2 * ChromaRange) * ChromaBins, ChromaBins);
            for (int dl = 0; dl < 2; dl++)
            {
                float wl = dl == 0 ? 1 - lf : lf;
                int l = Math.Min(l0 + dl, LightnessBins - 1);
                for (int da = 0; da < 2; da++)
                {
                    float wa = da == 0 ? 1 - af : af;
                    int a = Math.Min(a0 + da, ChromaBins - 1);
                    for (int db = 0; db < 2; db++)
                    {
                        float wb = db == 0 ? 1 - bf : bf;
                        int b = Math.Min(b0 + db, ChromaBins - 1);
                        bins[(((l * ChromaBins) + a) * ChromaBins) + b] += w * wl * wa * wb;
                    }
                }
            }

            total += w;
        }

        if (total > 0)
        {
            for (int i = 0; i < bins.Length; i++)
            {
                bins[i] /= total;
            }
        }

        return bins;
    }

    /// <summary>Hellinger distance <c>√(1 − Σ√(p·q))</c> of two normalised histograms, in [0, 1].</summary>
    public static double Distance(double[] p, double[] q)
    {
        double coefficient = 0;
        for (int i = 0; i < p.Length; i++)
        {
            coefficient += Math.Sqrt(p[i] * q[i]);
        }

        return Math.Sqrt(Math.Clamp(1 - coefficient, 0, 1));
    }

    // Bin centres sit at k + 0.5; a value is shared between the two nearest centres.
    private static (int Low, float Fraction) Position(float coordinate, int bins)
    {
        float c = Math.Clamp(coordinate - 0.5f, 0, bins - 1);
        int low = (int)MathF.Floor(c);
        return (low, c - low);
    }
}
