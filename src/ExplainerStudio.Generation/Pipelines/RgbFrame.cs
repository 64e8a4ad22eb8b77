using System.Globalization;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// An image as packed 8-bit RGB (rgb24), rows top to bottom: the form ffmpeg's <c>rawvideo</c> input takes, so
/// frames stream to the encoder without intermediate files.
/// </summary>
public sealed class RgbFrame
{
    /// <summary>Wraps pixels (not copied); <paramref name="pixels"/> holds exactly width × height × 3 bytes.</summary>
    public RgbFrame(int width, int height, ReadOnlyMemory<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != (long)width * height * 3)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A {width}x{height} RGB frame needs {(long)width * height * 3} bytes but {pixels.Length} were given."),
                nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The rgb24 bytes, row-major.</summary>
    public ReadOnlyMemory<byte> Pixels { get; }

    /// <summary>A frame filled with one colour.</summary>
    public static RgbFrame Solid(int width, int height, byte red, byte green, byte blue)
    {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = red;
            pixels[i + 1] = green;
            pixels[i + 2] = blue;
        }

        return new RgbFrame(width, height, pixels);
    }
}
