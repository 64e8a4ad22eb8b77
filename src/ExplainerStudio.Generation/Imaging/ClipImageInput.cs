using System.Buffers;

namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// Prepares an image for a CLIP-vision image encoder the way transformers' <c>CLIPImageProcessor</c> does
/// (diffusion.md C.2, D.1): resize so the shorter side is <c>size</c>, centre-crop <c>size × size</c>, scale to
/// [0, 1] and normalise each channel with CLIP's mean and standard deviation. Output is <c>[3, size, size]</c>.
/// </summary>
/// <remarks>
/// The resize is this library's antialiased bilinear filter rather than Pillow's bicubic, which moves pixel
/// values by a few levels on sharp edges; embeddings shift slightly but comparisons between images prepared the
/// same way (drift scores) are unaffected.
/// </remarks>
public static class ClipImageInput
{
    /// <summary>The input side of CLIP ViT encoders.</summary>
    public const int DefaultSize = 224;

    /// <summary>CLIP's per-channel mean (R, G, B) on the [0, 1] scale.</summary>
    public static IReadOnlyList<float> Mean { get; } = [0.48145466f, 0.4578275f, 0.40821073f];

    /// <summary>CLIP's per-channel standard deviation (R, G, B) on the [0, 1] scale.</summary>
    public static IReadOnlyList<float> StandardDeviation { get; } = [0.26862954f, 0.26130258f, 0.27577711f];

    // Every byte level's normalised value per channel, computed with the same float expression a per-pixel loop
    // would use (identical results), so an encoder input costs a table look-up per value instead of a division.
    private static readonly float[] Levels = BuildLevels();

    /// <summary>Writes the normalised <c>[3, size, size]</c> input for <paramref name="image"/>.</summary>
    public static void Fill(RgbImage image, Span<float> destination, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        RgbImage.CheckDimensions(size, size);
        int plane = size * size;
        if (destination.Length != 3 * plane)
        {
            throw new ArgumentException("The destination must hold 3 × size × size values.", nameof(destination));
        }

        // Shorter side to `size` (the longer one truncated, as transformers computes it), then the centred crop,
        // expressed as one source window so the image is resampled once.
        int shorter = Math.Min(image.Width, image.Height);
        int resizedWidth = image.Width <= image.Height ? size : (int)((long)size * image.Width / (double)shorter);
        int resizedHeight = image.Height <= image.Width ? size : (int)((long)size * image.Height / (double)shorter);
        int left = (resizedWidth - size) / 2;
        int top = (resizedHeight - size) / 2;
        double scaleX = image.Width / (double)resizedWidth;
        double scaleY = image.Height / (double)resizedHeight;
        var window = new CropWindow(left * scaleX, top * scaleY, size * scaleX, size * scaleY);
        // The resampled crop is pooled (150 kB at 224 pixels, a large-object allocation per image otherwise) and
        // read once, pixel by pixel, into the three planes.
        byte[] crop = ArrayPool<byte>.Shared.Rent(3 * plane);
        try
        {
            ImageResampler.Resample(image, window, size, size, crop.AsSpan(0, 3 * plane));
            ReadOnlySpan<byte> pixels = crop.AsSpan(0, 3 * plane);
            ReadOnlySpan<float> red = Levels.AsSpan(0, 256);
            ReadOnlySpan<float> green = Levels.AsSpan(256, 256);
            ReadOnlySpan<float> blue = Levels.AsSpan(512, 256);
            Span<float> r = destination[..plane];
            Span<float> g = destination.Slice(plane, plane);
            Span<float> b = destination.Slice(2 * plane, plane);
            for (int p = 0, at = 0; p < plane; p++, at += 3)
            {
                r[p] = red[pixels[at]];
                g[p] = green[pixels[at + 1]];
                b[p] = blue[pixels[at + 2]];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(crop);
        }
    }

    /// <summary>The normalised <c>[3, size, size]</c> input for <paramref name="image"/> as a new array.</summary>
    public static float[] Create(RgbImage image, int size = DefaultSize)
    {
        RgbImage.CheckDimensions(size, size);
        var input = new float[3 * size * size];
        Fill(image, input, size);
        return input;
    }

    private static float[] BuildLevels()
    {
        var levels = new float[3 * 256];
        for (int channel = 0; channel < 3; channel++)
        {
            float mean = Mean[channel];
            float std = StandardDeviation[channel];
            for (int level = 0; level < 256; level++)
            {
                levels[(channel * 256) + level] = ((level / 255f) - mean) / std;
            }
        }

        return levels;
    }
}
