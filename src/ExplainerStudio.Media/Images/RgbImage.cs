namespace ExplainerStudio.Media.Images;

/// <summary>
/// An 8-bit RGB picture: <see cref="Pixels"/> holds <c>Width × Height × 3</c> bytes, row by row from the top,
/// each pixel as R, G, B (ffmpeg's <c>rgb24</c>). The pixel array is shared, not copied.
/// </summary>
public sealed class RgbImage
{
    /// <summary>Bytes per pixel.</summary>
    public const int BytesPerPixel = 3;

    /// <summary>Wraps existing rgb24 pixels.</summary>
    /// <exception cref="ArgumentException">The sizes are not positive or the array has the wrong length.</exception>
    public RgbImage(int width, int height, byte[] pixels)
    {
        Pixels = ImageSize.CheckPixels(width, height, pixels, BytesPerPixel, "rgb24");
        Width = width;
        Height = height;
    }

    /// <summary>Creates a black image.</summary>
    public RgbImage(int width, int height)
        : this(width, height, new byte[ImageSize.ByteCount(width, height, BytesPerPixel)])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The rgb24 pixels, row-major from the top-left.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * BytesPerPixel;

    /// <summary>Reads one pixel.</summary>
    public (byte R, byte G, byte B) GetPixel(int x, int y)
    {
        int offset = Offset(x, y);
        return (Pixels[offset], Pixels[offset + 1], Pixels[offset + 2]);
    }

    /// <summary>Writes one pixel.</summary>
    public void SetPixel(int x, int y, byte r, byte g, byte b)
    {
        int offset = Offset(x, y);
        Pixels[offset] = r;
        Pixels[offset + 1] = g;
        Pixels[offset + 2] = b;
    }

    /// <summary>
    /// Resamples to a new size with bilinear interpolation between pixel centres (edges clamped). The result is
    /// deterministic. For shrinking by more than half, <see cref="ImageDecoder.DecodeToFitAsync"/> (area
    /// averaging) gives smoother thumbnails.
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

    private int Offset(int x, int y) => ImageSize.Offset(x, y, Width, Height, BytesPerPixel);
}
