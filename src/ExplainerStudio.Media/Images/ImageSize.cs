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

    public static string Text(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
