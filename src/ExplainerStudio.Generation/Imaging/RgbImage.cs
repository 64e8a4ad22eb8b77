using System.Globalization;

namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// An 8-bit RGB image: <see cref="Pixels"/> holds <c>Width × Height × 3</c> bytes, row-major from the top-left,
/// R, G, B per pixel (ffmpeg's <c>rgb24</c>). Equality compares dimensions and pixel content.
/// </summary>
/// <remarks>The pixel array is not copied; treat an image as immutable once it is shared.</remarks>
public sealed record RgbImage
{
    /// <summary>Largest accepted width or height.</summary>
    public const int MaxDimension = 16384;

    /// <summary>Wraps <paramref name="pixels"/> as a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    /// <exception cref="ArgumentException">A dimension is outside 1 … <see cref="MaxDimension"/>, or the array is not
    /// exactly <c>width × height × 3</c> bytes.</exception>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        CheckDimensions(width, height);
        if (pixels.Length != width * height * 3)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"A {width}×{height} RGB image needs {width * height * 3} bytes; got {pixels.Length}."),
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

    /// <summary>rgb24 bytes, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>A new image filled with <paramref name="color"/>.</summary>
    public static RgbImage Solid(int width, int height, RgbColor color)
    {
        CheckDimensions(width, height);
        var pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = color.R;
            pixels[i + 1] = color.G;
            pixels[i + 2] = color.B;
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>The colour at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public RgbColor GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        int at = ((y * Width) + x) * 3;
        return new RgbColor(Pixels[at], Pixels[at + 1], Pixels[at + 2]);
    }

    /// <inheritdoc />
    public bool Equals(RgbImage? other) =>
        other is not null
        && Width == other.Width
        && Height == other.Height
        && Pixels.AsSpan().SequenceEqual(other.Pixels);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Width);
        hash.Add(Height);
        hash.AddBytes(Pixels);
        return hash.ToHashCode();
    }

    internal static void CheckDimensions(int width, int height)
    {
        if (width < 1 || height < 1 || width > MaxDimension || height > MaxDimension)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Image dimensions must be between 1 and {MaxDimension}; got {width}×{height}."));
        }
    }
}
