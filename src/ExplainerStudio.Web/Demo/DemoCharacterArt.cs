namespace ExplainerStudio.Web.Demo;

/// <summary>
/// The demo project's two characters, drawn by the studio itself so that a fresh install needs no image files:
/// Ada, a teacher in a purple jacket, and Pixel, a small grey robot with cyan eyes. Each has a front view and a
/// variant (a wave or a head tilt), the way a real reference set holds a few views of one character. Drawn with SkiaSharp
/// (<see cref="DemoCanvas"/>), so the same build always gives the same pixels and the same reference hashes.
/// </summary>
internal static class DemoCharacterArt
{
    public const int Size = 384;
    private static readonly RgbColor Backdrop = new(238, 241, 245);

    public static RgbImage Ada(bool waving)
    {
        using var canvas = new DemoCanvas(Size, Size, Backdrop);
        var skin = new RgbColor(236, 188, 150);
        var hair = new RgbColor(70, 40, 30);
        var jacket = new RgbColor(110, 60, 170);
        var shirt = new RgbColor(250, 250, 250);
        var dark = new RgbColor(35, 35, 45);

        canvas.Trapezoid(210, 384, 130, 254, 90, 294, jacket);
        canvas.Trapezoid(210, 300, 172, 212, 182, 202, shirt);
        if (waving)
        {
            canvas.Line(255, 230, 320, 150, 26, jacket);
            canvas.Ellipse(324, 140, 18, 18, skin);
        }
        else
        {
            canvas.Line(135, 230, 110, 340, 26, jacket);
            canvas.Line(249, 230, 274, 340, 26, jacket);
        }
        canvas.Ellipse(192, 190, 22, 20, skin);
        canvas.Ellipse(192, 120, 70, 78, hair);
        canvas.Ellipse(192, 135, 56, 64, skin);
        canvas.Trapezoid(60, 110, 140, 244, 128, 256, hair);
        canvas.Ellipse(170, 138, 7, 9, dark);
        canvas.Ellipse(214, 138, 7, 9, dark);
        canvas.RoundedRect(176, 168, 208, 176, 4, new RgbColor(190, 70, 80));
        return canvas.ToImage();
    }

    public static RgbImage Pixel(bool tilted)
    {
        using var canvas = new DemoCanvas(Size, Size, Backdrop);
        var metal = new RgbColor(150, 160, 172);
        var metalDark = new RgbColor(95, 105, 120);
        var eye = new RgbColor(40, 220, 235);
        var accent = new RgbColor(255, 170, 40);

        canvas.RoundedRect(122, 210, 262, 350, 24, metal);
        canvas.RoundedRect(160, 240, 224, 300, 10, metalDark);
        canvas.Ellipse(192, 270, 14, 14, accent);
        canvas.RoundedRect(140, 350, 170, 384, 6, metalDark);
        canvas.RoundedRect(214, 350, 244, 384, 6, metalDark);
        canvas.Line(122, 240, 90, 300, 18, metalDark);
        canvas.Line(262, 240, 294, 300, 18, metalDark);

        var shift = tilted ? 14.0 : 0.0;
        canvas.RoundedRect(112 + shift, 70, 272 + shift, 200, 36, metal);
        canvas.Line(192 + shift, 70, 192 + shift * 2, 28, 6, metalDark);
        canvas.Ellipse(192 + shift * 2, 24, 12, 12, accent);
        canvas.RoundedRect(132 + shift, 100, 252 + shift, 170, 22, new RgbColor(30, 36, 48));
        canvas.Ellipse(165 + shift, 135, 16, tilted ? 8 : 16, eye);
        canvas.Ellipse(219 + shift, 135, 16, 16, eye);
        return canvas.ToImage();
    }
}
