using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Video;

namespace ExplainerStudio.Media.Tests.Video;

public sealed class Yuv420ConverterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(0, 0, 0, 16, 128, 128)]
    [InlineData(255, 255, 255, 235, 128, 128)]
    [InlineData(128, 128, 128, 126, 128, 128)]
    [InlineData(255, 0, 0, 63, 102, 240)]
    [InlineData(0, 255, 0, 173, 42, 26)]
    [InlineData(0, 0, 255, 32, 240, 118)]
    public void Convert_FlatColour_GivesTheBt709LimitedRangeValues(byte r, byte g, byte b, byte y, byte u, byte v)
    {
        var image = RgbImage.Solid(6, 4, new RgbColor(r, g, b));
        var yuv = new byte[Yuv420Converter.FrameSize(6, 4)];

        Yuv420Converter.Convert(image.Pixels, 6, 4, yuv);

        Assert.Equal(24 + 6 + 6, yuv.Length);
        Assert.All(yuv[..24], value => Assert.Equal(y, value));
        Assert.All(yuv[24..30], value => Assert.Equal(u, value));
        Assert.All(yuv[30..], value => Assert.Equal(v, value));
    }

    [Fact]
    public async Task Convert_BusyPicture_MatchesFfmpegsAccurateScalerWithinOneStep()
    {
        var runner = new FfmpegRunner(new MediaOptions { LogDirectory = _temp.File("logs") });
        string raw = _temp.File("busy.rgb");
        string reference = _temp.File("busy.yuv");
        await runner.RunAsync(new FfmpegJob("busy-rgb", new FfmpegCommand()
            .AddGeneratedInput("testsrc2=size=320x240")
            .AddOutput(raw, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24")) { WritesLog = false });
        await runner.RunAsync(new FfmpegJob("busy-yuv", new FfmpegCommand()
            .AddInput(raw, "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "320x240")
            .AddOutput(reference, "-vf", "scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd+full_chroma_int,format=yuv420p",
                "-f", "rawvideo")) { WritesLog = false });
        byte[] rgb = await File.ReadAllBytesAsync(raw);
        byte[] expected = await File.ReadAllBytesAsync(reference);
        var yuv = new byte[Yuv420Converter.FrameSize(320, 240)];

        Yuv420Converter.Convert(rgb, 320, 240, yuv);

        Assert.Equal(expected.Length, yuv.Length);
        int luma = 320 * 240;
        int lumaOff = Enumerable.Range(0, luma).Max(i => Math.Abs(yuv[i] - expected[i]));
        Assert.True(lumaOff <= 1, $"Luma differs from ffmpeg's by up to {lumaOff}.");
        // ffmpeg's scaler filters chroma with a wider kernel than the 2×2 mean, so single samples on sharp edges may
        // differ; on average the two agree.
        double chromaMean = Enumerable.Range(luma, yuv.Length - luma).Average(i => Math.Abs(yuv[i] - expected[i]));
        Assert.True(chromaMean < 1.5, $"Chroma differs from ffmpeg's by {chromaMean:0.00} on average.");
    }

    [Theory]
    [InlineData(70, 6)]
    [InlineData(64, 2)]
    [InlineData(2, 2)]
    public void Convert_RandomPicture_EqualsTheMatrixAndTwoByTwoMeansPixelByPixel(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        new Random(width * height).NextBytes(rgb);
        var yuv = new byte[Yuv420Converter.FrameSize(width, height)];

        Yuv420Converter.Convert(rgb, width, height, yuv);

        int Channel(int x, int y, int c) => rgb[(((y * width) + x) * 3) + c];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int value = (5983 * Channel(x, y, 0)) + (20127 * Channel(x, y, 1)) + (2032 * Channel(x, y, 2));
                Assert.Equal(16 + ((value + 16384) >> 15), yuv[(y * width) + x]);
            }
        }
        int chromaWidth = width / 2;
        int planeSize = chromaWidth * (height / 2);
        for (int row = 0; row < height / 2; row++)
        {
            for (int column = 0; column < chromaWidth; column++)
            {
                int Taps(int c) => Channel(2 * column, 2 * row, c) + Channel((2 * column) + 1, 2 * row, c)
                    + Channel(2 * column, (2 * row) + 1, c) + Channel((2 * column) + 1, (2 * row) + 1, c);
                var (r, g, b) = (Taps(0), Taps(1), Taps(2));
                int index = (width * height) + (row * chromaWidth) + column;
                Assert.Equal(128 + (((-3298 * r) - (11094 * g) + (14392 * b) + (1 << 16)) >> 17), yuv[index]);
                Assert.Equal(128 + (((14392 * r) - (13072 * g) - (1320 * b) + (1 << 16)) >> 17), yuv[index + planeSize]);
            }
        }
    }

    [Fact]
    public void Convert_OddSide_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Yuv420Converter.Convert(new byte[5 * 4 * 3], 5, 4, new byte[40]));

        Assert.Contains("5x4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_WrongBufferSize_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Yuv420Converter.Convert(new byte[10], 4, 4, new byte[Yuv420Converter.FrameSize(4, 4)]));

        Assert.Contains("48 rgb24 bytes", error.Message, StringComparison.Ordinal);
    }
}
