using SkiaSharp;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// Resizes pictures through SkiaSharp: shrinking samples mipmaps (smooth thumbnails from large references), enlarging
/// uses a cubic filter. Deterministic for a given SkiaSharp build.
/// </summary>
public static class ImageResizer
{
    /// <summary>Resizes to exactly <paramref name="width"/> × <paramref name="height"/> (the aspect ratio may change).</summary>
    /// <exception cref="ArgumentException">A size is outside 1 … <see cref="RgbImage.MaxDimension"/>.</exception>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        RgbImage.CheckDimensions(width, height);
        if (width == image.Width && height == image.Height)
        {
            return new RgbImage(width, height, (byte[])image.Pixels.Clone());
        }

        using var source = SkiaPixels.ToBitmap(image);
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgb888x, SKAlphaType.Opaque));
        bool shrinking = (long)width * height < (long)image.Width * image.Height;
        if (!source.ScalePixels(target, shrinking ? SkiaPixels.Shrink : SkiaPixels.Enlarge))
        {
            throw new MediaInputException($"SkiaSharp could not resize a {image.Width}x{image.Height} image to {width}x{height}.");
        }

        return SkiaPixels.ToRgbImage(target);
    }

    /// <summary>
    /// Shrinks to the largest size with the same aspect ratio that fits inside the box; returns a copy when it already fits
    /// (never enlarges).
    /// </summary>
    public static RgbImage ResizeToFit(RgbImage image, int maxWidth, int maxHeight)
    {
        ArgumentNullException.ThrowIfNull(image);
        (int width, int height) = ImageDecoder.FitWithin(image.Width, image.Height, maxWidth, maxHeight);
        return Resize(image, width, height);
    }
}
