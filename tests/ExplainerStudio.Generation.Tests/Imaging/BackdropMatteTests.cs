using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

public sealed class BackdropMatteTests
{
    private static readonly RgbColor White = new(255, 255, 255);
    private static readonly RgbColor Ink = new(20, 60, 140);

    [Fact]
    public void CutOutOnWhite_IsSubjectInsideBackdropOutsideAndSoftOnlyAtTheEdge()
    {
        RgbImage disc = TestImages.Make(40, 40, (x, y) => Math.Pow(x - 19.5, 2) + Math.Pow(y - 19.5, 2) < 12 * 12 ? Ink : White);

        BackdropMatte matte = Assert.IsType<BackdropMatte>(BackdropMatte.Estimate(disc));

        Assert.Equal(White, matte.Backdrop);
        Assert.Equal(1f, matte.Coverage[(20 * 40) + 20]);
        Assert.Equal(0f, matte.Coverage[(2 * 40) + 2]);
        Assert.InRange(matte.Coverage[(20 * 40) + 8], 0.01f, 0.99f);
    }

    [Fact]
    public void PhotoLikeAndPlainSwatchReferences_GetNoMatte()
    {
        RgbImage busy = TestImages.Make(30, 30, (x, y) => new RgbColor((byte)(x * 8), (byte)(y * 8), (byte)((x + y) * 4)));
        RgbImage swatch = RgbImage.Solid(30, 30, Ink);

        Assert.Null(BackdropMatte.Estimate(busy));
        Assert.Null(BackdropMatte.Estimate(swatch));
    }

    [Fact]
    public void Layout_LaysOnlyTheSubjectOverTheFrameAndKeepsWholeRectanglesWhenAsked()
    {
        RgbImage disc = TestImages.Make(40, 40, (x, y) => Math.Pow(x - 19.5, 2) + Math.Pow(y - 19.5, 2) < 12 * 12 ? Ink : White);
        var background = new RgbColor(90, 90, 90);
        var placement = new LayoutPlacement(disc, 0.5, 0.5, 0.5);

        RgbImage keyed = new LayoutImage(80, 80, LayoutBackground.Solid(background), [placement], edgeFeather: 0).Render();
        RgbImage whole = new LayoutImage(80, 80, LayoutBackground.Solid(background), [placement], edgeFeather: 0, keyBackdrop: false).Render();

        // The placed disc covers frame pixels 20..59; its backdrop corner at (22, 22) shows the frame when keyed.
        Assert.Equal(background, keyed.GetPixel(22, 22));
        Assert.Equal(White, whole.GetPixel(22, 22));
        Assert.Equal(whole.GetPixel(40, 40), keyed.GetPixel(40, 40));
        Assert.Equal(Ink, keyed.GetPixel(40, 40));
    }
}
