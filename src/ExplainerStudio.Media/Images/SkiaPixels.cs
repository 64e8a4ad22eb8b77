using SkiaSharp;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// The one bridge between <see cref="RgbImage"/> (rgb24) and SkiaSharp bitmaps (4 bytes a pixel), and the sampling
/// choices the studio resizes with.
/// </summary>
public static class SkiaPixels
{
    /// <summary>Shrinking: bilinear between the two nearest mipmap levels, so a large reduction averages instead of aliasing.</summary>
    public static readonly SKSamplingOptions Shrink = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>Enlarging: Mitchell's cubic, smooth without the ringing of sharper cubics.</summary>
    public static readonly SKSamplingOptions Enlarge = new(SKCubicResampler.Mitchell);

    /// <summary>No resampling: exact pixels for a transform that maps pixel centres onto pixel centres.</summary>
    public static readonly SKSamplingOptions Exact = new(SKFilterMode.Nearest, SKMipmapMode.None);

    /// <summary>An opaque RGBX bitmap holding a copy of the image (the X byte is 255).</summary>
    public static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgb888x, SKAlphaType.Opaque));
        int rowBytes = bitmap.RowBytes;
        Span<byte> target = bitmap.GetPixelSpan();
        ReadOnlySpan<byte> source = image.Pixels;
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> from = source.Slice(y * image.Stride, image.Stride);
            Span<byte> to = target.Slice(y * rowBytes, image.Width * 4);
            for (int x = 0, s = 0, t = 0; x < image.Width; x++, s += 3, t += 4)
            {
                to[t] = from[s];
                to[t + 1] = from[s + 1];
                to[t + 2] = from[s + 2];
                to[t + 3] = 255;
            }
        }

        return bitmap;
    }

    /// <summary>Copies an opaque bitmap of 4-byte RGBA or RGBX pixels into a new image, dropping the fourth byte.</summary>
    public static RgbImage ToRgbImage(SKBitmap bitmap)
    {
        if (bitmap.ColorType is not (SKColorType.Rgba8888 or SKColorType.Rgb888x))
        {
            throw new ArgumentException($"Expected RGBA or RGBX pixels, not {bitmap.ColorType}.", nameof(bitmap));
        }

        var image = new RgbImage(bitmap.Width, bitmap.Height);
        int rowBytes = bitmap.RowBytes;
        ReadOnlySpan<byte> source = bitmap.GetPixelSpan();
        Span<byte> target = image.Pixels;
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> from = source.Slice(y * rowBytes, image.Width * 4);
            Span<byte> to = target.Slice(y * image.Stride, image.Stride);
            for (int x = 0, s = 0, t = 0; x < image.Width; x++, s += 4, t += 3)
            {
                to[t] = from[s];
                to[t + 1] = from[s + 1];
                to[t + 2] = from[s + 2];
            }
        }

        return image;
    }
}
