using System.Globalization;

namespace ExplainerStudio.Generation.Imaging;

/// <summary>Turns one image's latents <c>[4, h, w]</c> into a small RGB preview through a <see cref="LatentPreviewMap"/>.</summary>
public static class LatentPreview
{
    /// <summary>A <paramref name="latentWidth"/> × <paramref name="latentHeight"/> preview of
    /// <paramref name="latents"/>; the map defaults to <see cref="LatentPreviewMap.StableDiffusion"/>.</summary>
    public static RgbImage Render(ReadOnlySpan<float> latents, int latentWidth, int latentHeight, LatentPreviewMap? map = null)
    {
        RgbImage.CheckDimensions(latentWidth, latentHeight);
        var pixels = new byte[latentWidth * latentHeight * 3];
        Render(latents, latentWidth, latentHeight, pixels, map);
        return new RgbImage(latentWidth, latentHeight, pixels);
    }

    /// <summary>As <see cref="Render(ReadOnlySpan{float}, int, int, LatentPreviewMap?)"/>, into an rgb24 buffer of
    /// <c>latentWidth × latentHeight × 3</c> bytes.</summary>
    public static void Render(
        ReadOnlySpan<float> latents, int latentWidth, int latentHeight, Span<byte> destination, LatentPreviewMap? map = null)
    {
        RgbImage.CheckDimensions(latentWidth, latentHeight);
        map ??= LatentPreviewMap.StableDiffusion;
        int plane = latentWidth * latentHeight;
        if (latents.Length != 4 * plane || destination.Length != 3 * plane)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"A {latentWidth}×{latentHeight} preview takes [4, {latentHeight}, {latentWidth}] latents ({4 * plane} values) and writes {3 * plane} bytes; got {latents.Length} and {destination.Length}."));
        }

        for (int p = 0; p < plane; p++)
        {
            for (int rgb = 0; rgb < 3; rgb++)
            {
                float value = map.BiasOf(rgb);
                for (int c = 0; c < 4; c++)
                {
                    value += latents[(c * plane) + p] * map.Factor(c, rgb);
                }
                destination[(p * 3) + rgb] = ImageTensors.UnitToByte(value);
            }
        }
    }
}
