using System.Globalization;

namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// Conversions between <see cref="RgbImage"/> and the planar NCHW tensors VAEs take and return
/// (diffusion.md B.3): one image is <c>[3, H, W]</c> (R plane, G plane, B plane), values in [−1, 1].
/// For a batch, pass the slice of one image.
/// </summary>
public static class ImageTensors
{
    // diffusers: x / 255 then 2x − 1, both in float32; a table keeps the conversion exact and cheap.
    private static readonly float[] ByteToUnit = Enumerable.Range(0, 256).Select(b => ((b / 255f) * 2f) - 1f).ToArray();

    /// <summary>Writes the image as <c>[3, H, W]</c> floats in [−1, 1]: <c>2·(b/255) − 1</c>.</summary>
    public static void ToNchw(RgbImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        int plane = CheckLength(image.Width, image.Height, destination.Length);
        byte[] pixels = image.Pixels;
        for (int p = 0; p < plane; p++)
        {
            destination[p] = ByteToUnit[pixels[p * 3]];
            destination[plane + p] = ByteToUnit[pixels[(p * 3) + 1]];
            destination[(2 * plane) + p] = ByteToUnit[pixels[(p * 3) + 2]];
        }
    }

    /// <summary>The image as a new <c>[3, H, W]</c> float array in [−1, 1].</summary>
    public static float[] ToNchw(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var tensor = new float[3 * image.Width * image.Height];
        ToNchw(image, tensor);
        return tensor;
    }

    /// <summary>As <see cref="ToNchw(RgbImage, Span{float})"/>, for float16 models.</summary>
    public static void ToNchw(RgbImage image, Span<Half> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        int plane = CheckLength(image.Width, image.Height, destination.Length);
        byte[] pixels = image.Pixels;
        for (int p = 0; p < plane; p++)
        {
            destination[p] = (Half)ByteToUnit[pixels[p * 3]];
            destination[plane + p] = (Half)ByteToUnit[pixels[(p * 3) + 1]];
            destination[(2 * plane) + p] = (Half)ByteToUnit[pixels[(p * 3) + 2]];
        }
    }

    /// <summary>
    /// Converts a decoded <c>[3, H, W]</c> tensor to an image as diffusers' image processor does:
    /// <c>round(clamp(x/2 + 0.5, 0, 1)·255)</c> in float, rounding half to even; NaN becomes 0.
    /// </summary>
    public static RgbImage FromNchw(ReadOnlySpan<float> source, int width, int height)
    {
        RgbImage.CheckDimensions(width, height);
        var pixels = new byte[width * height * 3];
        FromNchw(source, width, height, pixels);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>As <see cref="FromNchw(ReadOnlySpan{float}, int, int)"/>, writing rgb24 bytes into a frame buffer
    /// of exactly <c>width × height × 3</c> bytes.</summary>
    public static void FromNchw(ReadOnlySpan<float> source, int width, int height, Span<byte> destination)
    {
        int plane = CheckLength(width, height, source.Length);
        if (destination.Length != plane * 3)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A {width}×{height} frame needs {plane * 3} bytes; the destination holds {destination.Length}."),
                nameof(destination));
        }
        for (int p = 0; p < plane; p++)
        {
            destination[p * 3] = UnitToByte(source[p]);
            destination[(p * 3) + 1] = UnitToByte(source[plane + p]);
            destination[(p * 3) + 2] = UnitToByte(source[(2 * plane) + p]);
        }
    }

    /// <summary>As <see cref="FromNchw(ReadOnlySpan{float}, int, int)"/>, for float16 decoders.</summary>
    public static RgbImage FromNchw(ReadOnlySpan<Half> source, int width, int height)
    {
        RgbImage.CheckDimensions(width, height);
        int plane = CheckLength(width, height, source.Length);
        var pixels = new byte[plane * 3];
        for (int p = 0; p < plane; p++)
        {
            pixels[p * 3] = UnitToByte((float)source[p]);
            pixels[(p * 3) + 1] = UnitToByte((float)source[plane + p]);
            pixels[(p * 3) + 2] = UnitToByte((float)source[(2 * plane) + p]);
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>One value in [−1, 1] to a byte, as <see cref="FromNchw(ReadOnlySpan{float}, int, int)"/> does.</summary>
    public static byte UnitToByte(float value)
    {
        float unit = (value / 2f) + 0.5f;
        if (!(unit > 0f))
        {
            return 0;
        }
        return unit >= 1f ? (byte)255 : (byte)MathF.Round(unit * 255f, MidpointRounding.ToEven);
    }

    private static int CheckLength(int width, int height, int length)
    {
        RgbImage.CheckDimensions(width, height);
        int plane = width * height;
        if (length != 3 * plane)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A [3, {height}, {width}] tensor has {3 * plane} values; got {length}."));
        }
        return plane;
    }
}
