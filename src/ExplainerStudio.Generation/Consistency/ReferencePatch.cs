namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// The part of a reference that a frame's region shows, prepared once for every frame that shows the same part:
/// subject weights, the look-normalised colour histogram, and the half-resolution lightness that structure is
/// compared at (renderers soften edges by a few pixels; at the finer scale SSIM would measure that softness rather
/// than the subject's shape).
/// </summary>
internal sealed class ReferencePatch
{
    private ReferencePatch(float[] weights, double[] histogram, LumaSsim.Side coarse, float[] coarseWeights)
    {
        Weights = weights;
        Histogram = histogram;
        Coarse = coarse;
        CoarseWeights = coarseWeights;
    }

    /// <summary>Subject weights per analysis pixel (empty: all equal).</summary>
    public float[] Weights { get; }

    public double[] Histogram { get; }

    /// <summary>The half-resolution lightness, prepared for SSIM.</summary>
    public LumaSsim.Side Coarse { get; }

    /// <summary>Weights for structure at half resolution: the subject's outline is structure too, so the backdrop
    /// keeps a quarter of its weight.</summary>
    public float[] CoarseWeights { get; }

    public static ReferencePatch Create(LabImage patch, SubjectMask mask)
    {
        float[] weights = mask.Weights(patch);
        LabImage normalised = patch.Normalised(weights);
        return new ReferencePatch(weights, ColourHistogram.Build(normalised, weights), LumaSsim.Prepare(normalised.Halved()), HalveWeights(weights, patch.Width, patch.Height));
    }

    private static float[] HalveWeights(float[] weights, int width, int height)
    {
        if (weights.Length == 0)
        {
            return weights;
        }

        int w = width / 2;
        int h = height / 2;
        var result = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int at = (2 * y * width) + (2 * x);
                float subject = (weights[at] + weights[at + 1] + weights[at + width] + weights[at + width + 1]) / 4;
                result[(y * w) + x] = 0.25f + (0.75f * subject);
            }
        }

        return result;
    }
}
