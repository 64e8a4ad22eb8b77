using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Media.Tests.Images;

public sealed class ImageResizerTests
{
    [Fact]
    public void Resize_KeepsAFlatColourFlat_BothWays()
    {
        RgbImage flat = RgbImage.Solid(40, 30, new RgbColor(12, 140, 230));

        Assert.Equal(RgbImage.Solid(7, 5, new RgbColor(12, 140, 230)), ImageResizer.Resize(flat, 7, 5));
        Assert.Equal(RgbImage.Solid(90, 61, new RgbColor(12, 140, 230)), ImageResizer.Resize(flat, 90, 61));
    }

    [Fact]
    public void Resize_Shrinking_AveragesNeighbours()
    {
        var stripes = new RgbImage(64, 8);
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                byte v = x % 2 == 0 ? (byte)0 : (byte)255;
                stripes.SetPixel(x, y, v, v, v);
            }
        }

        RgbImage small = ImageResizer.Resize(stripes, 8, 1);

        Assert.All(small.Pixels, value => Assert.InRange(value, 100, 155));
    }

    [Fact]
    public void Resize_IsDeterministic()
    {
        var image = new RgbImage(50, 40);
        new Random(3).NextBytes(image.Pixels);

        Assert.Equal(ImageResizer.Resize(image, 17, 13), ImageResizer.Resize(image, 17, 13));
    }

    [Fact]
    public void ResizeToFit_ShrinksKeepingAspectRatioAndNeverEnlarges()
    {
        RgbImage wide = RgbImage.Solid(400, 100, RgbColor.White);

        RgbImage fitted = ImageResizer.ResizeToFit(wide, 100, 100);
        RgbImage unchanged = ImageResizer.ResizeToFit(wide, 1000, 1000);

        Assert.Equal((100, 25), (fitted.Width, fitted.Height));
        Assert.Equal(wide, unchanged);
        Assert.NotSame(wide.Pixels, unchanged.Pixels);
    }
}
