using System.Text;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Media.Tests.Images;

public sealed class ImageFormatSnifferTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FfmpegRunner _runner = new(new MediaOptions());

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("picture.png", SniffedFormat.Png)]
    [InlineData("picture.jpg", SniffedFormat.Jpeg)]
    [InlineData("picture.webp", SniffedFormat.WebP)]
    [InlineData("picture.gif", SniffedFormat.Gif)]
    [InlineData("picture.bmp", SniffedFormat.Bmp)]
    [InlineData("picture.tiff", SniffedFormat.Tiff)]
    public async Task SniffFile_RecognisesImagesMadeByFfmpeg(string name, SniffedFormat expected)
    {
        string file = await TestImages.EncodeWithFfmpegAsync(_runner, TestImages.Quadrants(), _temp.File(name));

        Assert.Equal(expected, ImageFormatSniffer.SniffFile(file));
    }

    [Fact]
    public async Task SniffFile_GoesByContentNotByName()
    {
        string png = await TestImages.EncodeWithFfmpegAsync(_runner, TestImages.Quadrants(), _temp.File("real.png"));
        string disguised = _temp.File("holiday.jpg");
        File.Move(png, disguised);

        Assert.Equal(SniffedFormat.Png, ImageFormatSniffer.SniffFile(disguised));
    }

    [Fact]
    public async Task SniffFile_RecognisesMediaThatIsNotAnImage()
    {
        string clip = await TestClips.MakeTwoSecondClipAsync(_runner, _temp.File("clip.mp4"));
        string wav = _temp.File("tone.wav");
        await _runner.RunAsync(new FfmpegJob("wav", new FfmpegCommand().AddGeneratedInput("sine=duration=0.1").AddOutput(wav)) { WritesLog = false });

        Assert.Equal(SniffedFormat.IsoMedia, ImageFormatSniffer.SniffFile(clip));
        Assert.Equal(SniffedFormat.Wave, ImageFormatSniffer.SniffFile(wav));
        Assert.False(ImageFormatSniffer.IsSupportedImage(SniffedFormat.Wave));
    }

    [Theory]
    [InlineData("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj", SniffedFormat.Pdf)]
    [InlineData("Hello, this is a note.\nSecond line.", SniffedFormat.Text)]
    [InlineData("  <!DOCTYPE html><html><body>hi</body></html>", SniffedFormat.Html)]
    [InlineData("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", SniffedFormat.Svg)]
    [InlineData("<?xml version=\"1.0\"?><note/>", SniffedFormat.Xml)]
    [InlineData("BMW is a car brand", SniffedFormat.Text)]
    public void Sniff_RecognisesTextFormats(string content, SniffedFormat expected)
    {
        Assert.Equal(expected, ImageFormatSniffer.Sniff(Encoding.UTF8.GetBytes(content)));
    }

    [Fact]
    public void Sniff_RecognisesArchivesAndExecutables()
    {
        Assert.Equal(SniffedFormat.Zip, ImageFormatSniffer.Sniff("PK\x03\x04\x14\0\0\0"u8));
        Assert.Equal(SniffedFormat.Gzip, ImageFormatSniffer.Sniff([0x1F, 0x8B, 0x08, 0x00]));
        Assert.Equal(SniffedFormat.ElfExecutable, ImageFormatSniffer.Sniff([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1]));
        Assert.Equal(SniffedFormat.WindowsExecutable, ImageFormatSniffer.Sniff("MZ\x90\0\x03\0"u8));
    }

    [Fact]
    public void Sniff_EmptyAndBinaryNoise_AreEmptyAndUnknown()
    {
        byte[] noise = new byte[256];
        new Random(7).NextBytes(noise);
        noise[0] = 0x00;

        Assert.Equal(SniffedFormat.Empty, ImageFormatSniffer.Sniff([]));
        Assert.Equal(SniffedFormat.Unknown, ImageFormatSniffer.Sniff(noise));
        Assert.Equal("empty", ImageFormatSniffer.Describe(SniffedFormat.Empty));
    }

    [Fact]
    public void Sniff_RiffThatIsNotWebP_IsNotAnImage()
    {
        byte[] avi = [.. "RIFF"u8, 0, 0, 0, 0, .. "AVI LIST"u8];

        Assert.Equal(SniffedFormat.Avi, ImageFormatSniffer.Sniff(avi));
    }

    [Fact]
    public void IsSupportedImage_AcceptsOnlyPngJpegAndWebP()
    {
        SniffedFormat[] supported = [.. Enum.GetValues<SniffedFormat>().Where(ImageFormatSniffer.IsSupportedImage)];

        Assert.Equal([SniffedFormat.Png, SniffedFormat.Jpeg, SniffedFormat.WebP], supported);
    }
}
