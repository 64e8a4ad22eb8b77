using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Web.Tests;

/// <summary>Reference images for uploads: made in memory (PNG) or encoded by the real ffmpeg (JPEG, WebP).</summary>
internal static class TestImages
{
    /// <summary>A smooth colour gradient; different seeds give different pixels (and so different hashes).</summary>
    public static RgbImage Gradient(int width, int height, int seed = 0)
    {
        var image = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image.SetPixel(x, y, (byte)(x * 255 / Math.Max(1, width - 1)), (byte)(y * 255 / Math.Max(1, height - 1)), (byte)(seed * 37 % 256));
            }
        }
        return image;
    }

    public static byte[] Png(int width, int height, int seed = 0) => PngEncoder.Encode(Gradient(width, height, seed));

    /// <summary>Encodes the gradient with ffmpeg into the format the extension names (".jpg", ".webp", ".png").</summary>
    public static async Task<byte[]> EncodeAsync(FfmpegRunner runner, string extension, int width, int height, int seed = 0)
    {
        var folder = Directory.CreateTempSubdirectory("studio-web-images-").FullName;
        try
        {
            var image = Gradient(width, height, seed);
            var raw = Path.Combine(folder, "image.rgb");
            var output = Path.Combine(folder, "image" + extension);
            await File.WriteAllBytesAsync(raw, image.Pixels);
            var command = new FfmpegCommand()
                .AddInput(raw, "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", FfmpegValue.Size(width, height))
                .AddOutput(output, "-frames:v", "1");
            await runner.RunAsync(new FfmpegJob("make-test-image", command) { WritesLog = false });
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The PNG's width and height from its IHDR chunk.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "Not a PNG.");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
