using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// An image in CIELAB (D65 white, sRGB primaries): L* in 0..100, a* and b* roughly −100..100. Perceptual distances
/// (ΔE, histograms over a*b*) behave far more evenly here than in sRGB bytes.
/// </summary>
internal sealed class LabImage
{
    public const double TargetLightnessSpread = 20;
    public const double TargetChroma = 30;
    public const double MinChromaGain = 0.5;
    public const double MaxChromaGain = 3;

    // Below this spread a patch is flat; stretching it would only amplify noise.
    private const double MinLightnessSpread = 4;

    private static readonly float[] Linear = BuildLinear();

    private LabImage(int width, int height, float[] l, float[] a, float[] b)
    {
        Width = width;
        Height = height;
        L = l;
        A = a;
        B = b;
    }

    public int Width { get; }

    public int Height { get; }

    public float[] L { get; }

    public float[] A { get; }

    public float[] B { get; }

    public int Length => L.Length;

    public static LabImage From(RgbImage image)
    {
        int length = image.Width * image.Height;
        var l = new float[length];
        var a = new float[length];
        var b = new float[length];
        byte[] pixels = image.Pixels;
        for (int i = 0; i < length; i++)
        {
            (l[i], a[i], b[i]) = ToLab(pixels[i * 3], pixels[(i * 3) + 1], pixels[(i * 3) + 2]);
        }

        return new LabImage(image.Width, image.Height, l, a, b);
    }

    /// <summary>
    /// A copy with the renderer's global look taken out: lightness standardised to mean 50 and spread 20 over the
    /// weighted pixels, chroma scaled so its RMS is <see cref="TargetChroma"/> (the gain held within
    /// [<see cref="MinChromaGain"/>, <see cref="MaxChromaGain"/>] so a grey subject is not painted in). A washed-out
    /// or darker rendering of the same subject then lands on the reference's distribution; hue and shape still decide.
    /// </summary>
    public LabImage Normalised(ReadOnlySpan<float> weights)
    {
        double total = 0;
        double mean = 0;
        double chroma = 0;
        for (int i = 0; i < Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            total += w;
            mean += w * L[i];
            chroma += w * ((A[i] * (double)A[i]) + (B[i] * (double)B[i]));
        }

        if (total <= 0)
        {
            return this;
        }

        mean /= total;
        double variance = 0;
        for (int i = 0; i < Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            variance += w * (L[i] - mean) * (L[i] - mean);
        }

        double spread = Math.Max(MinLightnessSpread, Math.Sqrt(variance / total));
        double rms = Math.Sqrt(chroma / total);
        float lightGain = (float)(TargetLightnessSpread / spread);
        float chromaGain = (float)Math.Clamp(TargetChroma / Math.Max(rms, 1e-6), MinChromaGain, MaxChromaGain);
        var l = new float[Length];
        var a = new float[Length];
        var b = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            l[i] = Math.Clamp(50f + (lightGain * (L[i] - (float)mean)), 0f, 100f);
            a[i] = chromaGain * A[i];
            b[i] = chromaGain * B[i];
        }

        return new LabImage(Width, Height, l, a, b);
    }

    /// <summary>Half the width and height (2×2 box averages; an odd last row or column is dropped).</summary>
    public LabImage Halved()
    {
        int width = Width / 2;
        int height = Height / 2;
        var l = new float[width * height];
        var a = new float[width * height];
        var b = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int at = (2 * y * Width) + (2 * x);
                int to = (y * width) + x;
                l[to] = (L[at] + L[at + 1] + L[at + Width] + L[at + Width + 1]) / 4;
                a[to] = (A[at] + A[at + 1] + A[at + Width] + A[at + Width + 1]) / 4;
                b[to] = (B[at] + B[at + 1] + B[at + Width] + B[at + Width + 1]) / 4;
            }
        }

        return new LabImage(width, height, l, a, b);
    }

    public static (float L, float A, float B) ToLab(byte red, byte green, byte blue) =>
        FromLinear(Linear[red], Linear[green], Linear[blue]);

    /// <summary>CIELAB of an sRGB colour given on the 0..255 scale with fractions (a block's mean).</summary>
    public static (float L, float A, float B) ToLab(double red, double green, double blue) =>
        FromLinear(ToLinear(red / 255), ToLinear(green / 255), ToLinear(blue / 255));

    private static float ToLinear(double c) =>
        (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));

    private static (float L, float A, float B) FromLinear(float r, float g, float bl)
    {

        // sRGB → XYZ, normalised by the D65 white so that white maps to (1, 1, 1).
        float x = ((0.4124564f * r) + (0.3575761f * g) + (0.1804375f * bl)) / 0.95047f;
        float y = (0.2126729f * r) + (0.7151522f * g) + (0.0721750f * bl);
        float z = ((0.0193339f * r) + (0.1191920f * g) + (0.9503041f * bl)) / 1.08883f;
        float fx = F(x);
        float fy = F(y);
        float fz = F(z);
        return ((116f * fy) - 16f, 500f * (fx - fy), 200f * (fy - fz));
    }

    private static float F(float t) =>
        t > 0.008856452f ? MathF.Cbrt(t) : (t * 7.787037f) + (16f / 116f);

    private static float[] BuildLinear()
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = ToLinear(i / 255.0);
        }

        return table;
    }
}
