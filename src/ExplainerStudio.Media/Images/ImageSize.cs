using System.Globalization;

namespace ExplainerStudio.Media.Images;

/// <summary>Size arithmetic and wording shared by the image types.</summary>
internal static class ImageSize
{
    /// <summary>Bytes for a picture, or an exception when the size is not positive or exceeds what an array holds.</summary>
    public static long ByteCount(int width, int height, int bytesPerPixel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        long bytes = (long)width * height * bytesPerPixel;
        if (bytes > Array.MaxLength)
        {
            throw new ArgumentException($"A {Text(width, height)} image is too large to hold in memory.");
        }

        return bytes;
    }

    /// <summary>
    /// Returns <paramref name="pixels"/> once it is known to hold exactly one <paramref name="format"/> picture of
    /// that size, or throws.
    /// </summary>
    public static byte[] CheckPixels(int width, int height, byte[] pixels, int bytesPerPixel, string format)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        long expected = ByteCount(width, height, bytesPerPixel);
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException(
                $"A {Text(width, height)} {format} image needs {Number(expected)} bytes, but {Number(pixels.LongLength)} were given.",
                nameof(pixels));
        }

        return pixels;
    }

    /// <summary>Where pixel (<paramref name="x"/>, <paramref name="y"/>) starts in row-major packed pixels.</summary>
    public static int Offset(int x, int y, int width, int height, int bytesPerPixel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, height);
        return (y * width * bytesPerPixel) + (x * bytesPerPixel);
    }

    public static string Text(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
