using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Media.Video;

namespace ExplainerStudio.Media.Tests.Images;

public sealed class PngEncoderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Encode_IsReadByFfmpegAsTheSamePixels()
    {
        RgbImage original = Pattern(37, 23);
        string file = _temp.File("pattern.png");
        await File.WriteAllBytesAsync(file, PngEncoder.Encode(original));

        RgbImage decoded = await new VideoFrameExtractor(_runner).ExtractFrameAsync(file, TimeSpan.Zero);

        Assert.Equal((37, 23), (decoded.Width, decoded.Height));
        Assert.Equal(original.Pixels, decoded.Pixels);
    }

    [Fact]
    public async Task Encode_IsReadByFfprobeAsEightBitRgb()
    {
        string file = _temp.File("pattern.png");
        await File.WriteAllBytesAsync(file, PngEncoder.Encode(Pattern(20, 10)));

        MediaProbe probe = await _runner.ProbeAsync(file);

        Assert.Equal("rgb24", probe.Video!.PixelFormat);
    }

    [Fact]
    public void Encode_WritesNoChunkThatCouldVary()
    {
        byte[] png = PngEncoder.Encode(Pattern(64, 64));

        var chunks = new List<string>();
        for (int at = 8; at < png.Length;)
        {
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            chunks.Add(System.Text.Encoding.ASCII.GetString(png, at + 4, 4));
            at += 12 + length;
        }

        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        Assert.Contains("IDAT", chunks);
        Assert.All(chunks, chunk => Assert.Contains(chunk, new[] { "IHDR", "sBIT", "IDAT", "IEND" }));
    }

    [Fact]
    public void Encode_SamePixels_GivesTheSameBytes()
    {
        byte[] first = PngEncoder.Encode(Pattern(64, 64));
        byte[] second = PngEncoder.Encode(Pattern(64, 64));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Encode_ThenDecode_GivesTheSamePixels()
    {
        RgbImage original = Pattern(33, 17);

        RgbImage decoded = new ImageDecoder(new MediaOptions()).Decode(PngEncoder.Encode(original), "pattern.png");

        Assert.Equal(original, decoded);
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
