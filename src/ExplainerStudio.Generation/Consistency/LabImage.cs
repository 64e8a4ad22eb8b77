using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// An image in CIELAB (D65 white, sRGB primaries): L* in 0..100, a* and b* roughly −100..100. Perceptual distances
/// (ΔE, histograms over a*b*) behave far more evenly here than in sRGB bytes.
/// </summary>
internal sealed class LabImage
{
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

    public static (float L, float A, float B) ToLab(byte red, byte green, byte blue)
    {
        float r = Linear[red];
        float g = Linear[green];
        float bl = Linear[blue];

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
            double c = i / 255.0;
            table[i] = (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
        }

        return table;
    }
}
