using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

public sealed class LayoutImageTests
{
    private static readonly RgbColor Red = new(255, 0, 0);
    private static readonly RgbColor Blue = new(0, 0, 255);

    [Fact]
    public void Render_WithoutCharactersIsTheSolidBackground()
    {
        var layout = new LayoutImage(8, 6, LayoutBackground.Solid(new RgbColor(10, 20, 30)), []);

        Assert.Equal(RgbImage.Solid(8, 6, new RgbColor(10, 20, 30)), layout.Render());
    }

    [Fact]
    public void Render_PlacesAReferenceCentredAtItsPositionWithHardEdges()
    {
        var placement = new LayoutPlacement(RgbImage.Solid(2, 2, Red), 0.5, 0.5, 0.2);
        var layout = new LayoutImage(10, 10, LayoutBackground.Solid(RgbColor.Black), [placement], edgeFeather: 0);

        RgbImage frame = layout.Render();

        Assert.Equal((4, 4, 2, 2), layout.PlacedBounds(placement));
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 10; x++)
            {
                bool inside = x is 4 or 5 && y is 4 or 5;
                Assert.Equal(inside ? Red : RgbColor.Black, frame.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void Render_KeepsTheReferenceAspectRatio()
    {
        var placement = new LayoutPlacement(RgbImage.Solid(4, 2, Red), 0.3, 0.8, 0.2);
        var layout = new LayoutImage(10, 10, LayoutBackground.Solid(RgbColor.Black), [placement], edgeFeather: 0);

        // Height 0.2·10 = 2, width 2·(4/2) = 4; centre (3, 8) → left 1, top 7.
        Assert.Equal((1, 7, 4, 2), layout.PlacedBounds(placement));
        RgbImage frame = layout.Render();
        Assert.Equal(Red, frame.GetPixel(1, 7));
        Assert.Equal(Red, frame.GetPixel(4, 8));
        Assert.Equal(RgbColor.Black, frame.GetPixel(5, 8));
        Assert.Equal(RgbColor.Black, frame.GetPixel(1, 6));
    }

    [Fact]
    public void Render_DrawsHigherZOrderOnTopWhateverTheListOrder()
    {
        var front = new LayoutPlacement(RgbImage.Solid(2, 2, Red), 0.5, 0.5, 0.2, zOrder: 2);
        var back = new LayoutPlacement(RgbImage.Solid(4, 4, Blue), 0.5, 0.5, 0.4, zOrder: 1);
        var layout = new LayoutImage(10, 10, LayoutBackground.Solid(RgbColor.Black), [front, back], edgeFeather: 0);

        RgbImage frame = layout.Render();

        Assert.Equal(Red, frame.GetPixel(5, 5));
        Assert.Equal(Blue, frame.GetPixel(3, 3));
        Assert.Equal(RgbColor.Black, frame.GetPixel(2, 2));
    }

    [Fact]
    public void Render_ClipsReferencesThatOverhangTheFrame()
    {
        var placement = new LayoutPlacement(RgbImage.Solid(4, 4, Red), 0, 0, 0.4);
        var layout = new LayoutImage(10, 10, LayoutBackground.Solid(RgbColor.Black), [placement], edgeFeather: 0);

        RgbImage frame = layout.Render();

        Assert.Equal((-2, -2, 4, 4), layout.PlacedBounds(placement));
        Assert.Equal(Red, frame.GetPixel(0, 0));
        Assert.Equal(Red, frame.GetPixel(1, 1));
        Assert.Equal(RgbColor.Black, frame.GetPixel(2, 0));
    }

    [Fact]
    public void Render_CoversTheFrameWithABackgroundPicture()
    {
        RgbImage picture = TestImages.Make(20, 10, (x, _) => x < 10 ? new RgbColor(0, 255, 0) : Blue);
        var layout = new LayoutImage(10, 10, LayoutBackground.Picture(picture), []);

        RgbImage frame = layout.Render();

        Assert.Equal(new RgbColor(0, 255, 0), frame.GetPixel(4, 0));
        Assert.Equal(Blue, frame.GetPixel(5, 9));
    }

    [Fact]
    public void Render_FeathersTheEdgesOfAPlacedReference()
    {
        // 10 × 10 white reference in a black 20 × 20 frame at (5 … 14); feather 0.2·10 = 2 px:
        // opacity min(1, (d + 0.5)/2) = 0.25, 0.75, 1 for d = 0, 1, 2.
        var placement = new LayoutPlacement(RgbImage.Solid(10, 10, RgbColor.White), 0.5, 0.5, 0.5);
        var layout = new LayoutImage(20, 20, LayoutBackground.Solid(RgbColor.Black), [placement], edgeFeather: 0.2);

        RgbImage frame = layout.Render();

        Assert.Equal(0, frame.GetPixel(4, 10).R);
        Assert.Equal(64, frame.GetPixel(5, 10).R);
        Assert.Equal(191, frame.GetPixel(6, 10).R);
        Assert.Equal(255, frame.GetPixel(7, 10).R);
        Assert.Equal(255, frame.GetPixel(10, 10).R);
        Assert.Equal(64, frame.GetPixel(14, 10).R);
        Assert.Equal(64, frame.GetPixel(5, 5).R);
        Assert.Equal(191, frame.GetPixel(6, 6).R);
    }

    [Fact]
    public void Placement_RejectsPositionsOutsideTheFrameAndSillyScales()
    {
        RgbImage reference = RgbImage.Solid(2, 2, Red);

        Assert.Throws<ArgumentOutOfRangeException>(() => new LayoutPlacement(reference, 1.2, 0.5, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayoutPlacement(reference, 0.5, double.NaN, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayoutPlacement(reference, 0.5, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayoutPlacement(reference, 0.5, 0.5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayoutImage(4, 4, LayoutBackground.Solid(Red), [], edgeFeather: 0.8));
    }
}
