using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Media.Tests.Images;

public sealed class RgbImageTests
{
    [Fact]
    public void Constructor_WrongPixelCount_IsRejected()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new RgbImage(4, 4, new byte[47]));

        Assert.Contains("4x4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ZeroSize_IsRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new RgbImage(0, 4));
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
        var image = new RgbImage(10, 7);
        for (int i = 0; i < image.Pixels.Length; i += 3)
        {
            image.Pixels[i] = 12;
            image.Pixels[i + 1] = 34;
            image.Pixels[i + 2] = 56;
        }

        RgbImage smaller = image.ResizeBilinear(3, 2);

        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(((byte)12, (byte)34, (byte)56), smaller.GetPixel(i % 3, i / 3)));
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
