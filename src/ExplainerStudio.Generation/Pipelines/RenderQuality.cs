using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// The figures that say whether a render is a clean animatic: grain (high-frequency energy), fidelity (structural
/// similarity of a region against a reference), colour shift and frame-to-frame steadiness. All work on BT.601 luma
/// or RGB in 8-bit levels, so the numbers read the same for every pack and size.
/// </summary>
public static class RenderQuality
{
    private const double SsimC1 = 6.5025;   // (0.01·255)²
    private const double SsimC2 = 58.5225;  // (0.03·255)²
    private const int SsimWindow = 8;

    /// <summary>
    /// Grain: the root mean square of the luma's 4-neighbour Laplacian over the pixels that <paramref name="include"/>
    /// accepts (all when null), in 8-bit levels. Flat or smoothly graded areas give about 0; speckle gives several levels.
    /// </summary>
    public static double HighFrequencyEnergy(RgbImage image, Func<int, int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        double[] luma = Luma(image);
        int width = image.Width;
        double sum = 0;
        long count = 0;
        for (int y = 1; y < image.Height - 1; y++)
        {
            for (int x = 1; x < width - 1; x++)
            {
                if (include is not null && !include(x, y))
                {
                    continue;
                }

                int i = (y * width) + x;
                double laplacian = (4 * luma[i]) - luma[i - 1] - luma[i + 1] - luma[i - width] - luma[i + width];
                sum += laplacian * laplacian;
                count++;
            }
        }

        return count == 0 ? 0 : Math.Sqrt(sum / count);
    }

    /// <summary>
    /// Mean structural similarity of the luma of two images of the same size over non-overlapping 8×8 windows
    /// (Wang et al.'s constants for 8-bit images): 1 for identical images, near 0 for unrelated ones.
    /// </summary>
    public static double Ssim(RgbImage a, RgbImage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height)
        {
            throw new ArgumentException($"SSIM compares images of one size, not {a.Width}x{a.Height} and {b.Width}x{b.Height}.", nameof(b));
        }

        double[] la = Luma(a);
        double[] lb = Luma(b);
        double total = 0;
        int windows = 0;
        for (int top = 0; top + SsimWindow <= a.Height; top += SsimWindow)
        {
            for (int left = 0; left + SsimWindow <= a.Width; left += SsimWindow)
            {
                double ma = 0, mb = 0;
                for (int y = top; y < top + SsimWindow; y++)
                {
                    for (int x = left; x < left + SsimWindow; x++)
                    {
                        ma += la[(y * a.Width) + x];
                        mb += lb[(y * a.Width) + x];
                    }
                }

                const int n = SsimWindow * SsimWindow;
                ma /= n;
                mb /= n;
                double va = 0, vb = 0, cov = 0;
                for (int y = top; y < top + SsimWindow; y++)
                {
                    for (int x = left; x < left + SsimWindow; x++)
                    {
                        double da = la[(y * a.Width) + x] - ma;
                        double db = lb[(y * a.Width) + x] - mb;
                        va += da * da;
                        vb += db * db;
                        cov += da * db;
                    }
                }

                va /= n - 1;
                vb /= n - 1;
                cov /= n - 1;
                total += ((2 * ma * mb) + SsimC1) * ((2 * cov) + SsimC2) / (((ma * ma) + (mb * mb) + SsimC1) * (va + vb + SsimC2));
                windows++;
            }
        }

        return windows == 0 ? 1 : total / windows;
    }

    /// <summary>The mean colour (R, G, B in 8-bit levels) of the pixels <paramref name="include"/> accepts (all when null).</summary>
    public static (double R, double G, double B) MeanColour(RgbImage image, Func<int, int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        double r = 0, g = 0, b = 0;
        long count = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (include is not null && !include(x, y))
                {
                    continue;
                }

                int i = ((y * image.Width) + x) * 3;
                r += image.Pixels[i];
                g += image.Pixels[i + 1];
                b += image.Pixels[i + 2];
                count++;
            }
        }

        return count == 0 ? (0, 0, 0) : (r / count, g / count, b / count);
    }

    /// <summary>
    /// How far a colour shift points toward a target colour: the component of <paramref name="shifted"/> −
    /// <paramref name="baseline"/> along the target's chroma direction (its RGB minus its own grey), in 8-bit levels.
    /// Positive means toward the target.
    /// </summary>
    public static double ShiftToward((double R, double G, double B) baseline, (double R, double G, double B) shifted, RgbColor target)
    {
        double grey = (target.R + target.G + target.B) / 3.0;
        (double dr, double dg, double db) = (target.R - grey, target.G - grey, target.B - grey);
        double norm = Math.Sqrt((dr * dr) + (dg * dg) + (db * db));
        if (norm == 0)
        {
            return 0;
        }

        return (((shifted.R - baseline.R) * dr) + ((shifted.G - baseline.G) * dg) + ((shifted.B - baseline.B) * db)) / norm;
    }

    /// <summary>Root mean square difference of two same-size images over all channels, in 8-bit levels.</summary>
    public static double RmsDifference(RgbImage a, RgbImage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Pixels.Length != b.Pixels.Length)
        {
            throw new ArgumentException("Both images must have the same size.", nameof(b));
        }

        double sum = 0;
        for (int i = 0; i < a.Pixels.Length; i++)
        {
            double d = a.Pixels[i] - b.Pixels[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / a.Pixels.Length);
    }

    /// <summary>
    /// Flicker of a clip: the RMS, over consecutive frame pairs, of the change that the camera move does not explain,
    /// <c>(f[i+1] − e[i+1]) − (f[i] − e[i])</c> with <c>e</c> the frames the move alone would show. 0 is perfectly steady.
    /// </summary>
    public static double Flicker(IReadOnlyList<RgbImage> frames, IReadOnlyList<RgbImage> expected)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(expected);
        if (frames.Count != expected.Count)
        {
            throw new ArgumentException("Every frame needs its expected frame.", nameof(expected));
        }

        double sum = 0;
        long count = 0;
        for (int f = 1; f < frames.Count; f++)
        {
            byte[] a = frames[f - 1].Pixels, b = frames[f].Pixels, ea = expected[f - 1].Pixels, eb = expected[f].Pixels;
            for (int i = 0; i < a.Length; i++)
            {
                double d = (b[i] - eb[i]) - (a[i] - ea[i]);
                sum += d * d;
            }

            count += a.Length;
        }

        return count == 0 ? 0 : Math.Sqrt(sum / count);
    }

    private static double[] Luma(RgbImage image)
    {
        var luma = new double[image.Width * image.Height];
        byte[] p = image.Pixels;
        for (int i = 0; i < luma.Length; i++)
        {
            luma[i] = (0.299 * p[i * 3]) + (0.587 * p[(i * 3) + 1]) + (0.114 * p[(i * 3) + 2]);
        }

        return luma;
    }
}
