using SkiaSharp;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// Writes 8-bit truecolour PNGs through SkiaSharp (libpng) with fixed settings: every row filter tried, zlib level 6, and
/// nothing that could vary (no time, gamma, colour profile or text; only the constant sBIT chunk libpng adds). The same
/// pixels therefore give the same bytes with the same SkiaSharp build; a take's reproduction check still compares decoded pixels, so a different build never reads as a
/// difference in the picture.
/// </summary>
public static class PngEncoder
{
    private static readonly SKPngEncoderOptions Settings = new(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 6);

    /// <summary>Encodes an RGB image as an 8-bit truecolour PNG.</summary>
    /// <exception cref="MediaInputException">SkiaSharp could not encode the image.</exception>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using SKBitmap bitmap = SkiaPixels.ToBitmap(image);
        using SKPixmap pixmap = bitmap.PeekPixels();
        using SKData? png = pixmap.Encode(Settings);
        return png?.ToArray()
            ?? throw new MediaInputException($"SkiaSharp could not encode a {image.Width}x{image.Height} image as PNG.");
    }
}
