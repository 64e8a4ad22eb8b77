using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

public sealed class RgbImageTests
{
    [Fact]
    public void Constructor_RejectsAPixelArrayOfTheWrongSize()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new RgbImage(2, 2, new byte[11]));

        Assert.Contains("needs 12 bytes; got 11", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, -1)]
    [InlineData(16385, 1)]
    public void Constructor_RejectsDimensionsOutOfRange(int width, int height)
    {
        Assert.Throws<ArgumentException>(() => new RgbImage(width, height, []));
    }

    [Fact]
    public void Equality_ComparesPixelContentNotArrayIdentity()
    {
        RgbImage a = RgbImage.Solid(3, 2, new RgbColor(1, 2, 3));
        var b = new RgbImage(3, 2, (byte[])a.Pixels.Clone());
        RgbImage c = RgbImage.Solid(2, 3, new RgbColor(1, 2, 3));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void GetPixel_ReadsRowMajorRgbTriples()
    {
        RgbImage image = TestImages.Make(3, 2, (x, y) => new RgbColor((byte)x, (byte)y, 9));

        Assert.Equal(new RgbColor(2, 1, 9), image.GetPixel(2, 1));
        Assert.Equal(2, image.Pixels[((1 * 3) + 2) * 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.GetPixel(3, 0));
    }
}
