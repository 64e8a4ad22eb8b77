using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Separates a reference's subject from a plain backdrop. References arrive as opaque RGB (alpha already flattened
/// onto a backdrop when they were stored). Previz keys a plain backdrop out of the layout, but the references compared
/// against keep it. A backdrop shared by many characters would make any two of them look alike in colour, so the colour and
/// structure signals weight pixels by how far they are from the backdrop colour.
/// </summary>
/// <remarks>The backdrop is the median colour of the reference's outer ring when at least 70% of the ring lies within
/// ΔE 10 of it; otherwise (a photo, a busy background) every pixel counts equally.</remarks>
internal sealed class SubjectMask
{
    private const double RingAgreement = 0.7;
    private const float RingTolerance = 10f;
    private const float SubjectFrom = 6f;
    private const float SubjectFull = 18f;
    private const double MinimumSubjectShare = 0.05;

    private SubjectMask((float L, float A, float B)? backdrop)
    {
        Backdrop = backdrop;
    }

    /// <summary>The backdrop colour in CIELAB, or null when the reference has none.</summary>
    public (float L, float A, float B)? Backdrop { get; }

    public static SubjectMask Estimate(RgbImage reference)
    {
        int side = 64;
        double shrink = Math.Min(1.0, side / (double)Math.Max(reference.Width, reference.Height));
        int width = Math.Max(2, (int)Math.Round(reference.Width * shrink));
        int height = Math.Max(2, (int)Math.Round(reference.Height * shrink));
        LabImage lab = LabImage.From(ImageResampler.Resize(reference, width, height));
        var ring = new List<int>();
        for (int x = 0; x < width; x++)
        {
            ring.Add(x);
            ring.Add(((height - 1) * width) + x);
        }

        for (int y = 1; y < height - 1; y++)
        {
            ring.Add(y * width);
            ring.Add((y * width) + width - 1);
        }

        float l = Median(ring.Select(i => lab.L[i]));
        float a = Median(ring.Select(i => lab.A[i]));
        float b = Median(ring.Select(i => lab.B[i]));
        int agreeing = ring.Count(i => DeltaE(lab, i, (l, a, b)) <= RingTolerance);
        return new SubjectMask(agreeing >= RingAgreement * ring.Count ? (l, a, b) : null);
    }

    /// <summary>Per-pixel weights for a patch of the reference: 0 on the backdrop rising to 1 at ΔE 18 from it, or
    /// empty (all pixels equal) when there is no backdrop or the patch shows almost none of the subject.</summary>
    public float[] Weights(LabImage patch)
    {
        if (Backdrop is not { } backdrop)
        {
            return [];
        }

        var weights = new float[patch.Length];
        double sum = 0;
        for (int i = 0; i < patch.Length; i++)
        {
            float distance = DeltaE(patch, i, backdrop);
            float t = Math.Clamp((distance - SubjectFrom) / (SubjectFull - SubjectFrom), 0f, 1f);
            weights[i] = t * t * (3 - (2 * t));
            sum += weights[i];
        }

        return sum >= MinimumSubjectShare * patch.Length ? weights : [];
    }

    private static float DeltaE(LabImage image, int i, (float L, float A, float B) colour)
    {
        float dl = image.L[i] - colour.L;
        float da = image.A[i] - colour.A;
        float db = image.B[i] - colour.B;
        return MathF.Sqrt((dl * dl) + (da * da) + (db * db));
    }

    private static float Median(IEnumerable<float> values)
    {
        float[] sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
