using System.Globalization;

namespace ExplainerStudio.Imaging;

/// <summary>
/// The studio's one picture type: an 8-bit RGB image whose <see cref="Pixels"/> hold <c>Width × Height × 3</c> bytes,
/// row-major from the top-left, R, G, B per pixel (ffmpeg's <c>rgb24</c>). The generation engine, the media library and
/// the web host all pass this type, so a frame goes from the pipeline to the encoder without a copy. Equality compares
/// dimensions and pixel content.
/// </summary>
/// <remarks>The pixel array is not copied; treat an image as immutable once it is shared.</remarks>
public sealed record RgbImage
{
    /// <summary>Largest accepted width or height.</summary>
    public const int MaxDimension = 16384;

    /// <summary>Bytes per pixel.</summary>
    public const int BytesPerPixel = 3;

    /// <summary>Wraps <paramref name="pixels"/> as a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    /// <exception cref="ArgumentException">A dimension is outside 1 … <see cref="MaxDimension"/>, or the array is not
    /// exactly <c>width × height × 3</c> bytes.</exception>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        CheckDimensions(width, height);
        if (pixels.Length != width * height * BytesPerPixel)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"A {width}×{height} RGB image needs {width * height * BytesPerPixel} bytes; got {pixels.Length}."),
                nameof(pixels));
        }
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Creates a black image.</summary>
    /// <exception cref="ArgumentException">A dimension is outside 1 … <see cref="MaxDimension"/>.</exception>
    public RgbImage(int width, int height)
        : this(width, height, new byte[CheckedByteCount(width, height)])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>rgb24 bytes, row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * BytesPerPixel;

    /// <summary>A new image filled with <paramref name="color"/>.</summary>
    public static RgbImage Solid(int width, int height, RgbColor color)
    {
        var image = new RgbImage(width, height);
        byte[] pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i += BytesPerPixel)
        {
            pixels[i] = color.R;
            pixels[i + 1] = color.G;
            pixels[i + 2] = color.B;
        }
        return image;
    }

    /// <summary>The colour at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the image.</exception>
    public RgbColor GetPixel(int x, int y)
    {
        int at = Offset(x, y);
        return new RgbColor(Pixels[at], Pixels[at + 1], Pixels[at + 2]);
    }

    /// <summary>Writes one pixel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the image.</exception>
    public void SetPixel(int x, int y, byte r, byte g, byte b)
    {
        int at = Offset(x, y);
        Pixels[at] = r;
        Pixels[at + 1] = g;
        Pixels[at + 2] = b;
    }

    /// <summary>Writes one pixel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the image.</exception>
    public void SetPixel(int x, int y, RgbColor color) => SetPixel(x, y, color.R, color.G, color.B);

    /// <summary>
    /// Resamples to a new size with bilinear interpolation between pixel centres (edges clamped), in plain C# so the
    /// result is the same on every machine. Meant for small changes of size; for thumbnails, which shrink by a large
    /// factor, the media library's SkiaSharp resize (mipmapped) gives smoother results.
    /// </summary>
    public RgbImage ResizeBilinear(int width, int height)
    {
        var result = new RgbImage(width, height);
        if (width == Width && height == Height)
        {
            Pixels.CopyTo(result.Pixels, 0);
            return result;
        }

        int[] x0 = new int[width];
        int[] x1 = new int[width];
        double[] fx = new double[width];
        Sample(Width, width, x0, x1, fx);

        byte[] source = Pixels;
        byte[] target = result.Pixels;
        double scaleY = (double)Height / height;
        for (int y = 0; y < height; y++)
        {
            double sourceY = Math.Clamp(((y + 0.5) * scaleY) - 0.5, 0, Height - 1);
            int top = (int)sourceY;
            int bottom = Math.Min(top + 1, Height - 1);
            double fy = sourceY - top;
            int topRow = top * Stride;
            int bottomRow = bottom * Stride;
            int targetRow = y * result.Stride;
            for (int x = 0; x < width; x++)
            {
                int left = x0[x] * BytesPerPixel;
                int right = x1[x] * BytesPerPixel;
                for (int c = 0; c < BytesPerPixel; c++)
                {
                    double upper = source[topRow + left + c] + ((source[topRow + right + c] - source[topRow + left + c]) * fx[x]);
                    double lower = source[bottomRow + left + c] + ((source[bottomRow + right + c] - source[bottomRow + left + c]) * fx[x]);
                    double value = upper + ((lower - upper) * fy);
                    target[targetRow + (x * BytesPerPixel) + c] = (byte)Math.Clamp((int)(value + 0.5), 0, 255);
                }
            }
        }

        return result;
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

    /// <summary>Throws unless both dimensions are within 1 … <see cref="MaxDimension"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is out of range; the message gives both.</exception>
    public static void CheckDimensions(int width, int height)
    {
        if (width < 1 || height < 1 || width > MaxDimension || height > MaxDimension)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Image dimensions must be between 1 and {MaxDimension}; got {width}×{height}."));
        }
    }

    private static int CheckedByteCount(int width, int height)
    {
        CheckDimensions(width, height);
        return width * height * BytesPerPixel;
    }

    private int Offset(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return ((y * Width) + x) * BytesPerPixel;
    }

    private static void Sample(int sourceSize, int targetSize, int[] first, int[] second, double[] weight)
    {
        double scale = (double)sourceSize / targetSize;
        for (int i = 0; i < targetSize; i++)
        {
            double position = Math.Clamp(((i + 0.5) * scale) - 0.5, 0, sourceSize - 1);
            first[i] = (int)position;
            second[i] = Math.Min(first[i] + 1, sourceSize - 1);
            weight[i] = position - first[i];
        }
    }
}
