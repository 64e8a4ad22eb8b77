using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

public sealed class CameraMotionTests
{
    // Red rises 16 per column and green 16 per row (8 … 120), so bilinear samples are exact linear functions of
    // the sampling position away from the borders.
    private static readonly RgbImage Gradient = TestImages.Make(8, 8, (x, y) => new RgbColor((byte)((16 * x) + 8), (byte)((16 * y) + 8), 0));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Static_EveryFrameIsTheKeyframe(double t)
    {
        Assert.Equal(Gradient, CameraMotion.RenderFrame(Gradient, CameraMove.Static, t));
    }

    [Fact]
    public void InMovesStartAndOutMovesEndOnTheKeyframe()
    {
        Assert.Equal(Gradient, CameraMotion.RenderFrame(Gradient, CameraMove.ZoomIn, 0));
        Assert.Equal(Gradient, CameraMotion.RenderFrame(Gradient, CameraMove.DollyIn, 0));
        Assert.Equal(Gradient, CameraMotion.RenderFrame(Gradient, CameraMove.ZoomOut, 1));
        Assert.Equal(Gradient, CameraMotion.RenderFrame(Gradient, CameraMove.DollyOut, 1));
    }

    [Fact]
    public void PanRight_EndsOnTheRightEdgeOfTheKeyframe()
    {
        // amount 1: a 4 × 4 window, at t = 1 at x = 4, vertically centred at y = 2; each output pixel i samples
        // source position 3.75 + 0.5·i (red) and 1.75 + 0.5·j (green).
        RgbImage frame = CameraMotion.RenderFrame(Gradient, CameraMove.PanRight, 1, amount: 1);

        Assert.Equal(new CropWindow(4, 2, 4, 4), CameraMotion.Window(CameraMove.PanRight, 1, 8, 8, amount: 1));
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(68 + (8 * i), frame.GetPixel(i, 3).R);
        }
        for (int j = 0; j < 8; j++)
        {
            Assert.Equal(36 + (8 * j), frame.GetPixel(3, j).G);
        }
    }

    [Fact]
    public void PanLeft_EndsOnTheLeftEdgeOfTheKeyframe()
    {
        RgbImage frame = CameraMotion.RenderFrame(Gradient, CameraMove.PanLeft, 1, amount: 1);

        Assert.Equal(new CropWindow(0, 2, 4, 4), CameraMotion.Window(CameraMove.PanLeft, 1, 8, 8, amount: 1));
        Assert.Equal(8, frame.GetPixel(0, 0).R);
        for (int i = 1; i < 8; i++)
        {
            Assert.Equal(4 + (8 * i), frame.GetPixel(i, 0).R);
        }
    }

    [Fact]
    public void PansAndTiltsTravelFromOneEdgeToTheOther()
    {
        Assert.Equal(new CropWindow(0, 1, 6, 6), CameraMotion.Window(CameraMove.PanRight, 0, 8, 8, amount: 1 / 3.0));
        Assert.Equal(new CropWindow(1, 1, 6, 6), CameraMotion.Window(CameraMove.PanRight, 0.5, 8, 8, amount: 1 / 3.0));
        Assert.Equal(new CropWindow(2, 1, 6, 6), CameraMotion.Window(CameraMove.PanLeft, 0, 8, 8, amount: 1 / 3.0));
        Assert.Equal(new CropWindow(1, 2, 6, 6), CameraMotion.Window(CameraMove.TiltUp, 0, 8, 8, amount: 1 / 3.0));
        Assert.Equal(new CropWindow(1, 0, 6, 6), CameraMotion.Window(CameraMove.TiltUp, 1, 8, 8, amount: 1 / 3.0));
        Assert.Equal(new CropWindow(1, 0, 6, 6), CameraMotion.Window(CameraMove.TiltDown, 0, 8, 8, amount: 1 / 3.0));
    }

    [Fact]
    public void ZoomIn_EndsOnTheCentreMagnifiedByOnePlusAmount()
    {
        RgbImage frame = CameraMotion.RenderFrame(Gradient, CameraMove.ZoomIn, 1, amount: 1);

        Assert.Equal(new CropWindow(2, 2, 4, 4), CameraMotion.Window(CameraMove.ZoomIn, 1, 8, 8, amount: 1));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(36 + (8 * i), frame.GetPixel(i, 0).R);
            Assert.Equal(36 + (8 * i), frame.GetPixel(0, i).G);
        }
    }

    [Fact]
    public void DollyAndZoomShareEndsButDollyStartsSlower()
    {
        CropWindow zoomHalf = CameraMotion.Window(CameraMove.ZoomIn, 0.5, 8, 8, amount: 1);
        CropWindow dollyHalf = CameraMotion.Window(CameraMove.DollyIn, 0.5, 8, 8, amount: 1);
        CropWindow dollyEnd = CameraMotion.Window(CameraMove.DollyIn, 1, 8, 8, amount: 1);

        // Zoom: magnification 2^0.5 → width 8/√2 = 5.657; dolly: 1/(1 − 0.5·0.5) = 4/3 → width 6.
        Assert.Equal(8 / Math.Sqrt(2), zoomHalf.Width, 1e-12);
        Assert.Equal(6, dollyHalf.Width, 1e-12);
        Assert.Equal(4, dollyEnd.Width, 1e-12);
        Assert.Equal(2, dollyEnd.X, 1e-12);
    }

    [Fact]
    public void RenderFrame_WritesIntoAReusableFrameBuffer()
    {
        var frame = new byte[Gradient.Pixels.Length];

        CameraMotion.RenderFrame(Gradient, CameraMove.ZoomIn, 1, frame, amount: 1);

        Assert.Equal(CameraMotion.RenderFrame(Gradient, CameraMove.ZoomIn, 1, amount: 1).Pixels, frame);
        Assert.Throws<ArgumentException>(() => CameraMotion.RenderFrame(Gradient, CameraMove.ZoomIn, 1, new byte[10]));
    }

    [Fact]
    public void Window_RejectsProgressOutsideZeroToOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CameraMotion.Window(CameraMove.PanLeft, 1.01, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => CameraMotion.Window(CameraMove.PanLeft, double.NaN, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => CameraMotion.Window(CameraMove.ZoomIn, 0.5, 8, 8, amount: 0));
    }
}
