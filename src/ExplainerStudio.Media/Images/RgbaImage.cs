namespace ExplainerStudio.Media.Images;

/// <summary>
/// An 8-bit RGBA picture with straight (not premultiplied) alpha: <see cref="Pixels"/> holds
/// <c>Width × Height × 4</c> bytes, row by row from the top, each pixel as R, G, B, A (ffmpeg's <c>rgba</c>).
/// The pixel array is shared, not copied.
/// </summary>
public sealed class RgbaImage
{
    /// <summary>Bytes per pixel.</summary>
    public const int BytesPerPixel = 4;

    /// <summary>Wraps existing rgba pixels.</summary>
    /// <exception cref="ArgumentException">The sizes are not positive or the array has the wrong length.</exception>
    public RgbaImage(int width, int height, byte[] pixels)
    {
        Pixels = ImageSize.CheckPixels(width, height, pixels, BytesPerPixel, "rgba");
        Width = width;
        Height = height;
    }

    /// <summary>Creates a fully transparent image.</summary>
    public RgbaImage(int width, int height)
        : this(width, height, new byte[ImageSize.ByteCount(width, height, BytesPerPixel)])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The rgba pixels, row-major from the top-left.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * BytesPerPixel;

    /// <summary>Reads one pixel.</summary>
    public (byte R, byte G, byte B, byte A) GetPixel(int x, int y)
    {
        int offset = Offset(x, y);
        return (Pixels[offset], Pixels[offset + 1], Pixels[offset + 2], Pixels[offset + 3]);
    }

    /// <summary>Writes one pixel.</summary>
    public void SetPixel(int x, int y, byte r, byte g, byte b, byte a)
    {
        int offset = Offset(x, y);
        Pixels[offset] = r;
        Pixels[offset + 1] = g;
        Pixels[offset + 2] = b;
        Pixels[offset + 3] = a;
    }

    private int Offset(int x, int y) => ImageSize.Offset(x, y, Width, Height, BytesPerPixel);
}
