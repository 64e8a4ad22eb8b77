namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// How much of each pixel of a placed reference is its subject rather than its plain backdrop. References arrive as
/// opaque RGB, a cut-out's transparency already flattened onto a plain colour (usually white); compositing the whole
/// rectangle would lay that colour around the character as a light halo.
/// </summary>
/// <remarks>
/// <para>The backdrop is the median colour of the outer ring when at least 70% of the ring lies within 12 levels (RGB
/// distance) of it; otherwise (a photo, a busy picture) there is no matte. A pixel more than 30 levels from the
/// backdrop is subject. The subject mask is eroded by one pixel, which drops the rim where the drawing's antialiasing
/// mixed subject and backdrop, then softened by a 3 × 3 box, so the cut-out edge is feathered over about two pixels.
/// A reference whose subject covers under 5% of it (a plain swatch) gets no matte: it is all subject.</para>
/// <para>The compositor removes the backdrop from each pixel in proportion to <c>1 − coverage</c> (the pixel becomes
/// premultiplied foreground) before laying it over the frame, so a partly covered edge pixel keeps its share of the
/// subject and takes the frame's colour, not the backdrop's, for the rest.</para>
/// </remarks>
internal sealed class BackdropMatte
{
    private const double RingAgreement = 0.7;
    private const int RingTolerance = 12;
    private const int SubjectDistance = 30;
    private const double MinimumSubjectShare = 0.05;

    private BackdropMatte(RgbColor backdrop, float[] coverage)
    {
        Backdrop = backdrop;
        Coverage = coverage;
    }

    /// <summary>The plain backdrop colour.</summary>
    public RgbColor Backdrop { get; }

    /// <summary>Per pixel, row-major, 0 (backdrop) to 1 (subject).</summary>
    public float[] Coverage { get; }

    /// <summary>The matte of <paramref name="placed"/>, or null when it has no plain backdrop or almost no subject.</summary>
    public static BackdropMatte? Estimate(RgbImage placed)
    {
        int width = placed.Width;
        int height = placed.Height;
        if (width < 3 || height < 3)
        {
            return null;
        }

        byte[] pixels = placed.Pixels;
        var ring = new List<int>((2 * width) + (2 * height));
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

        var backdrop = new RgbColor(Median(ring, pixels, 0), Median(ring, pixels, 1), Median(ring, pixels, 2));
        int agreeing = ring.Count(i => Distance2(pixels, i, backdrop) <= RingTolerance * RingTolerance);
        if (agreeing < RingAgreement * ring.Count)
        {
            return null;
        }

        var subject = new float[width * height];
        int subjectPixels = 0;
        for (int i = 0; i < subject.Length; i++)
        {
            if (Distance2(pixels, i, backdrop) > SubjectDistance * SubjectDistance)
            {
                subject[i] = 1;
                subjectPixels++;
            }
        }

        if (subjectPixels < MinimumSubjectShare * subject.Length)
        {
            return null;
        }

        float[] eroded = Filter3x3(subject, width, height, erode: true);
        return new BackdropMatte(backdrop, Filter3x3(eroded, width, height, erode: false));
    }

    // A 3 × 3 minimum (erode) or mean; outside the image the nearest edge pixel repeats, so a subject that the
    // reference's frame cuts off is not eaten away at the cut.
    private static float[] Filter3x3(float[] values, int width, int height, bool erode)
    {
        var result = new float[values.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float min = 1;
                float sum = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    int row = Math.Clamp(y + dy, 0, height - 1) * width;
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        float v = values[row + Math.Clamp(x + dx, 0, width - 1)];
                        min = Math.Min(min, v);
                        sum += v;
                    }
                }

                result[(y * width) + x] = erode ? min : sum / 9f;
            }
        }

        return result;
    }

    private static int Distance2(byte[] pixels, int pixel, RgbColor colour)
    {
        int r = pixels[pixel * 3] - colour.R;
        int g = pixels[(pixel * 3) + 1] - colour.G;
        int b = pixels[(pixel * 3) + 2] - colour.B;
        return (r * r) + (g * g) + (b * b);
    }

    private static byte Median(List<int> ring, byte[] pixels, int channel)
    {
        byte[] values = ring.Select(i => pixels[(i * 3) + channel]).Order().ToArray();
        return values[values.Length / 2];
    }
}
