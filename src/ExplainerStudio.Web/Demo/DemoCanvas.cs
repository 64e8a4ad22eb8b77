using ExplainerStudio.Media.Images;
using SkiaSharp;

namespace ExplainerStudio.Web.Demo;

/// <summary>
/// Where the demo characters are drawn: flat, anti-aliased SkiaSharp shapes on an opaque canvas, read out as the studio's
/// picture type. All coordinates are in output pixels.
/// </summary>
internal sealed class DemoCanvas : IDisposable
{
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKPaint _paint = new() { IsAntialias = true, Style = SKPaintStyle.Fill };

    public DemoCanvas(int width, int height, RgbColor background)
    {
        _bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
        _canvas.Clear(Colour(background));
    }

    public int Width => _bitmap.Width;
    public int Height => _bitmap.Height;

    /// <summary>Fills the ellipse centred at (cx, cy) with radii (rx, ry).</summary>
    public void Ellipse(double cx, double cy, double rx, double ry, RgbColor colour) =>
        _canvas.DrawOval((float)cx, (float)cy, (float)rx, (float)ry, Fill(colour));

    public void RoundedRect(double left, double top, double right, double bottom, double radius, RgbColor colour) =>
        _canvas.DrawRoundRect(new SKRect((float)left, (float)top, (float)right, (float)bottom), (float)radius, (float)radius, Fill(colour));

    /// <summary>Fills a trapezoid whose top edge spans [topLeft, topRight] at <paramref name="top"/> and bottom edge [bottomLeft, bottomRight].</summary>
    public void Trapezoid(double top, double bottom, double topLeft, double topRight, double bottomLeft, double bottomRight, RgbColor colour)
    {
        using var builder = new SKPathBuilder();
        builder.AddPoly(
        [
            new SKPoint((float)topLeft, (float)top),
            new SKPoint((float)topRight, (float)top),
            new SKPoint((float)bottomRight, (float)bottom),
            new SKPoint((float)bottomLeft, (float)bottom),
        ], close: true);
        using var path = builder.Detach();
        _canvas.DrawPath(path, Fill(colour));
    }

    /// <summary>A stroke with round ends, like a limb or an antenna.</summary>
    public void Line(double x0, double y0, double x1, double y1, double thickness, RgbColor colour)
    {
        _paint.Color = Colour(colour);
        _paint.Style = SKPaintStyle.Stroke;
        _paint.StrokeWidth = (float)thickness;
        _paint.StrokeCap = SKStrokeCap.Round;
        _canvas.DrawLine((float)x0, (float)y0, (float)x1, (float)y1, _paint);
        _paint.Style = SKPaintStyle.Fill;
    }

    /// <summary>The picture drawn so far.</summary>
    public RgbImage ToImage()
    {
        _canvas.Flush();
        return SkiaPixels.ToRgbImage(_bitmap);
    }

    public void Dispose()
    {
        _paint.Dispose();
        _canvas.Dispose();
        _bitmap.Dispose();
    }

    private SKPaint Fill(RgbColor colour)
    {
        _paint.Color = Colour(colour);
        _paint.Style = SKPaintStyle.Fill;
        return _paint;
    }

    private static SKColor Colour(RgbColor colour) => new(colour.R, colour.G, colour.B);
}
