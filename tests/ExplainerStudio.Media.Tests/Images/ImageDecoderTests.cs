using System.Buffers.Binary;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;
using SkiaSharp;

namespace ExplainerStudio.Media.Tests.Images;

public sealed class ImageDecoderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());
    private readonly ImageDecoder _decoder = new(new MediaOptions());

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("quadrants.png", SniffedFormat.Png, 0, new string[0])]
    [InlineData("quadrants.jpg", SniffedFormat.Jpeg, 12, new[] { "-q:v", "2" })]
    [InlineData("quadrants.webp", SniffedFormat.WebP, 16, new[] { "-c:v", "libwebp", "-quality", "90" })]
    public async Task Decode_ReturnsTheKnownPixels(string name, SniffedFormat format, int tolerance, string[] codecOptions)
    {
        string file = await TestImages.EncodeWithFfmpegAsync(_runner, TestImages.Quadrants(), _temp.File(name), codecOptions);

        ImageInfo info = _decoder.Probe(file);
        RgbImage image = _decoder.Decode(file);

        Assert.Equal(format, info.Format);
        Assert.Equal((64, 48), (info.Width, info.Height));
        Assert.Equal((64, 48), (image.Width, image.Height));
        TestImages.AssertColor(TestImages.Red, image.GetPixel(16, 12), tolerance);
        TestImages.AssertColor(TestImages.Green, image.GetPixel(48, 12), tolerance);
        TestImages.AssertColor(TestImages.Blue, image.GetPixel(16, 36), tolerance);
        TestImages.AssertColor(TestImages.Yellow, image.GetPixel(48, 36), tolerance);
    }

    [Fact]
    public async Task Decode_PngIsLossless()
    {
        RgbImage original = TestImages.Quadrants();
        string file = await TestImages.EncodeWithFfmpegAsync(_runner, original, _temp.File("exact.png"));

        RgbImage decoded = _decoder.Decode(file);

        Assert.Equal(original.Pixels, decoded.Pixels);
    }

    [Theory]
    [InlineData(6, 48, 64, new[] { "Blue", "Red", "Yellow", "Green" })]
    [InlineData(3, 64, 48, new[] { "Yellow", "Blue", "Green", "Red" })]
    [InlineData(2, 64, 48, new[] { "Green", "Red", "Yellow", "Blue" })]
    [InlineData(8, 48, 64, new[] { "Green", "Yellow", "Red", "Blue" })]
    [InlineData(4, 64, 48, new[] { "Blue", "Yellow", "Red", "Green" })]
    [InlineData(5, 48, 64, new[] { "Red", "Blue", "Green", "Yellow" })]
    [InlineData(7, 48, 64, new[] { "Yellow", "Green", "Blue", "Red" })]
    public async Task Decode_AppliesJpegExifOrientation(int orientation, int width, int height, string[] corners)
    {
        string plain = await TestImages.EncodeWithFfmpegAsync(_runner, TestImages.Quadrants(), _temp.File("plain.jpg"), "-q:v", "2");
        string rotated = _temp.File("rotated.jpg");
        await File.WriteAllBytesAsync(rotated, WithExifOrientation(await File.ReadAllBytesAsync(plain), orientation));

        ImageInfo info = _decoder.Probe(rotated);
        RgbImage image = _decoder.Decode(rotated);

        Assert.Equal(orientation, info.ExifOrientation);
        Assert.Equal((width, height), (info.Width, info.Height));
        Assert.Equal((width, height), (image.Width, image.Height));
        (int X, int Y)[] samples = [(width / 4, height / 4), (width * 3 / 4, height / 4), (width / 4, height * 3 / 4), (width * 3 / 4, height * 3 / 4)];
        for (int i = 0; i < samples.Length; i++)
        {
            TestImages.AssertColor(Named(corners[i]), image.GetPixel(samples[i].X, samples[i].Y), 12);
        }
    }

    [Theory]
    [InlineData("busy.png")]
    [InlineData("busy.jpg")]
    [InlineData("busy.webp")]
    public async Task Decode_TruncatedFile_IsRejected(string name)
    {
        string whole = await TestImages.BusyPictureAsync(_runner, _temp.File(name));
        byte[] bytes = await File.ReadAllBytesAsync(whole);
        string truncated = _temp.File("cut-" + name);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length * 6 / 10)]);

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(truncated));

        Assert.Contains($"'cut-{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_PngMissingOnlyItsEndChunk_HasEveryPixelAndDecodes()
    {
        string whole = await TestImages.BusyPictureAsync(_runner, _temp.File("busy.png"));
        byte[] bytes = await File.ReadAllBytesAsync(whole);

        RgbImage cut = _decoder.Decode(bytes[..^12], "no-iend.png");

        Assert.Equal(_decoder.Decode(whole), cut);
    }

    [Theory]
    [InlineData("busy.png")]
    [InlineData("busy.jpg")]
    [InlineData("busy.webp")]
    public async Task Decode_TruncatedBytes_AreRefusedNamingTheGivenNameAndTheReason(string name)
    {
        string whole = await TestImages.BusyPictureAsync(_runner, _temp.File(name));
        byte[] bytes = await File.ReadAllBytesAsync(whole);

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(bytes[..(bytes.Length / 2)], "holiday photo"));

        Assert.StartsWith("'holiday photo' ", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_temp.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PdfBytes_SaysItIsAPdfDocument()
    {
        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => _decoder.Decode("%PDF-1.7\n1 0 obj\n"u8.ToArray(), "scan.png"));

        Assert.Equal("'scan.png' is a PDF document, not a PNG, JPEG or WebP image.", error.Message);
    }

    [Fact]
    public void Decode_TransparentPixels_AreLaidOnWhite()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.SetPixel(0, 0, new SKColor(200, 30, 30, 255));
        bitmap.SetPixel(1, 0, new SKColor(0, 0, 0, 0));
        bitmap.SetPixel(2, 0, new SKColor(0, 0, 0, 128));
        bitmap.SetPixel(3, 0, new SKColor(30, 30, 200, 0));
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        RgbImage image = _decoder.Decode(png.ToArray(), "cut-out.png");

        Assert.Equal(new RgbColor(200, 30, 30), image.GetPixel(0, 0));
        Assert.Equal(RgbColor.White, image.GetPixel(1, 0));
        TestImages.AssertColor(new RgbColor(127, 127, 127), image.GetPixel(2, 0), 1);
        Assert.Equal(RgbColor.White, image.GetPixel(3, 0));
    }

    [Fact]
    public void DecodeToFit_LargeReduction_AveragesFineDetailInsteadOfAliasing()
    {
        var checkerboard = new RgbImage(512, 512);
        for (int y = 0; y < 512; y++)
        {
            for (int x = 0; x < 512; x++)
            {
                byte v = (byte)(((x + y) & 1) * 255);
                checkerboard.SetPixel(x, y, v, v, v);
            }
        }

        RgbImage small = _decoder.DecodeToFit(PngEncoder.Encode(checkerboard), "checks.png", 32, 32);

        Assert.Equal((32, 32), (small.Width, small.Height));
        Assert.All(small.Pixels, value => Assert.InRange(value, 100, 155));
    }

    [Fact]
    public async Task Decode_TextNamedPng_SaysWhatItReallyIs()
    {
        string file = _temp.File("photo.png");
        await File.WriteAllTextAsync(file, "not a picture");

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(file));

        Assert.Equal("'photo.png' is text, not a PNG, JPEG or WebP image.", error.Message);
    }

    [Fact]
    public async Task Decode_EmptyFile_IsRejected()
    {
        string file = _temp.File("empty.jpg");
        await File.WriteAllBytesAsync(file, []);

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => _decoder.Decode(file));

        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ImageOverThePixelLimit_IsRejected()
    {
        var decoder = new ImageDecoder(new MediaOptions { MaxImagePixels = 1000 });
        string file = await TestImages.EncodeWithFfmpegAsync(_runner, TestImages.Quadrants(), _temp.File("big.png"));

        ImageDecodeException error = Assert.Throws<ImageDecodeException>(() => decoder.Probe(file));

        Assert.Contains("64x48", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeToFit_ShrinksKeepingAspectRatio()
    {
        string file = await TestImages.BusyPictureAsync(_runner, _temp.File("busy.png"));

        RgbImage thumbnail = _decoder.DecodeToFit(file, 100, 100);
        RgbImage again = _decoder.DecodeToFit(file, 100, 100);
        RgbImage unchanged = _decoder.DecodeToFit(file, 1000, 1000);

        Assert.Equal((100, 75), (thumbnail.Width, thumbnail.Height));
        Assert.Equal(thumbnail.Pixels, again.Pixels);
        Assert.Equal((320, 240), (unchanged.Width, unchanged.Height));
    }

    [Theory]
    [InlineData(320, 240, 100, 100, 100, 75)]
    [InlineData(240, 320, 100, 100, 75, 100)]
    [InlineData(50, 40, 100, 100, 50, 40)]
    [InlineData(1000, 1, 10, 10, 10, 1)]
    public void FitWithin_KeepsAspectRatioInsideTheBox(int width, int height, int maxWidth, int maxHeight, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), ImageDecoder.FitWithin(width, height, maxWidth, maxHeight));
    }

    private static RgbColor Named(string color) => color switch
    {
        "Red" => TestImages.Red,
        "Green" => TestImages.Green,
        "Blue" => TestImages.Blue,
        _ => TestImages.Yellow,
    };

    /// <summary>Inserts an APP1 EXIF segment holding only the orientation tag right after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] tiff = new byte[8 + 2 + 12 + 4];
        "MM\0*"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), (ushort)orientation);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        byte[] segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
