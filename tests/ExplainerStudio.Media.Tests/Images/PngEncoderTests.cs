using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Media.Tests.Images;

public sealed class PngEncoderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Encode_Rgb_DecodesThroughFfmpegToTheSamePixels()
    {
        RgbImage original = Pattern(37, 23);
        string file = _temp.File("pattern.png");
        await File.WriteAllBytesAsync(file, PngEncoder.Encode(original));

        RgbImage decoded = await new ImageDecoder(_runner).DecodeAsync(file);

        Assert.Equal((37, 23), (decoded.Width, decoded.Height));
        Assert.Equal(original.Pixels, decoded.Pixels);
    }

    [Fact]
    public async Task Encode_Rgba_IsReadByFfprobeAsRgbaAndKeepsTheColourChannels()
    {
        RgbImage colours = Pattern(20, 10);
        var original = new RgbaImage(20, 10);
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 20; x++)
            {
                (byte r, byte g, byte b) = colours.GetPixel(x, y);
                original.SetPixel(x, y, r, g, b, (byte)(x * 12));
            }
        }

        string file = _temp.File("alpha.png");
        await File.WriteAllBytesAsync(file, PngEncoder.Encode(original));

        MediaProbe probe = await _runner.ProbeAsync(file);
        RgbImage decoded = await new ImageDecoder(_runner).DecodeAsync(file);

        Assert.Equal("rgba", probe.Video!.PixelFormat);
        Assert.Equal(colours.Pixels, decoded.Pixels);
        Assert.Equal(original.Pixels, PngDecoder.DecodeRgba(await File.ReadAllBytesAsync(file)).Pixels);
    }

    [Fact]
    public void Encode_SamePixels_GivesTheSameBytes()
    {
        byte[] first = PngEncoder.Encode(Pattern(64, 64));
        byte[] second = PngEncoder.Encode(Pattern(64, 64));

        Assert.Equal(first, second);
    }

    [Fact]
    public void PngDecoder_ReadsBackWhatTheEncoderWrote()
    {
        RgbImage original = Pattern(33, 17);

        RgbImage decoded = PngDecoder.DecodeRgb(PngEncoder.Encode(original));

        Assert.Equal(original.Pixels, decoded.Pixels);
    }

    [Fact]
    public void PngDecoder_RejectsTruncatedAndCorruptedData()
    {
        byte[] png = PngEncoder.Encode(Pattern(33, 17));
        byte[] corrupted = [.. png];
        corrupted[png.Length / 2] ^= 0x55;

        Assert.Throws<ImageDecodeException>(() => PngDecoder.DecodeRgb(png.AsSpan(0, png.Length - 20)));
        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => PngDecoder.DecodeRgb(corrupted));
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crc32_MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    /// <summary>Gradients, a hard edge and noise, so every PNG filter type gets chosen somewhere.</summary>
    private static RgbImage Pattern(int width, int height)
    {
        var random = new Random(42);
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool noisy = y > height * 2 / 3;
                image.SetPixel(
                    x,
                    y,
                    noisy ? (byte)random.Next(256) : (byte)(x * 255 / Math.Max(1, width - 1)),
                    noisy ? (byte)random.Next(256) : (byte)(y * 255 / Math.Max(1, height - 1)),
                    x < width / 2 ? (byte)30 : (byte)200);
            }
        }

        return image;
    }
}
