namespace ExplainerStudio.Generation.Tests.Imaging;

/// <summary>The studio's one picture type (ExplainerStudio.Imaging), tested beside the engine's imaging code that uses it most.</summary>
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

    [Fact]
    public void SetPixel_WritesWhatGetPixelReads()
    {
        var image = new RgbImage(4, 3);

        image.SetPixel(3, 2, 10, 20, 30);
        image.SetPixel(0, 1, new RgbColor(1, 2, 3));

        Assert.Equal(new RgbColor(10, 20, 30), image.GetPixel(3, 2));
        Assert.Equal(((byte)1, (byte)2, (byte)3), image.GetPixel(0, 1).ToTuple());
        Assert.Equal(RgbColor.Black, image.GetPixel(1, 1));
        Assert.Equal(12, image.Stride);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.SetPixel(4, 0, 1, 1, 1));
    }

    [Fact]
    public void ResizeBilinear_InterpolatesBetweenPixelCentres()
    {
        var image = new RgbImage(2, 1, [0, 0, 0, 255, 255, 255]);

        RgbImage wider = image.ResizeBilinear(4, 1);

        Assert.Equal(new byte[] { 0, 64, 191, 255 }, wider.Pixels.Where((_, i) => i % 3 == 0));
    }

    [Fact]
    public void ResizeBilinear_KeepsAFlatColourFlat()
    {
        RgbImage image = RgbImage.Solid(10, 7, new RgbColor(12, 34, 56));

        RgbImage smaller = image.ResizeBilinear(3, 2);

        Assert.Equal(RgbImage.Solid(3, 2, new RgbColor(12, 34, 56)), smaller);
    }

    [Fact]
    public void ResizeBilinear_SameSize_CopiesThePixels()
    {
        var image = new RgbImage(2, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

        RgbImage copy = image.ResizeBilinear(2, 2);

        Assert.Equal(image.Pixels, copy.Pixels);
        Assert.NotSame(image.Pixels, copy.Pixels);
    }
}
