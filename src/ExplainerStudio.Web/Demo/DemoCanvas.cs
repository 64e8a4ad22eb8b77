namespace ExplainerStudio.Web.Demo;

/// <summary>
/// A tiny rasteriser for the demo characters: flat shapes drawn at twice the output size and box-filtered down, which
/// gives clean anti-aliased edges without an imaging library.
/// </summary>
internal sealed class DemoCanvas
{
    private const int Supersample = 2;
    private readonly int _width;
    private readonly int _height;
    private readonly byte[] _pixels;

    public DemoCanvas(int width, int height, (byte R, byte G, byte B) background)
    {
        _width = width * Supersample;
        _height = height * Supersample;
        _pixels = new byte[_width * _height * 3];
        for (var i = 0; i < _pixels.Length; i += 3)
        {
            _pixels[i] = background.R;
            _pixels[i + 1] = background.G;
            _pixels[i + 2] = background.B;
        }
    }

    public int Width => _width / Supersample;
    public int Height => _height / Supersample;

    /// <summary>Fills the ellipse centred at (cx, cy) with radii (rx, ry), all in output pixels.</summary>
    public void Ellipse(double cx, double cy, double rx, double ry, (byte R, byte G, byte B) colour) =>
        Fill(cx - rx, cy - ry, cx + rx, cy + ry, colour, (x, y) =>
        {
            var dx = (x - cx) / rx;
            var dy = (y - cy) / ry;
            return dx * dx + dy * dy <= 1;
        });

    public void RoundedRect(double left, double top, double right, double bottom, double radius, (byte R, byte G, byte B) colour) =>
        Fill(left, top, right, bottom, colour, (x, y) =>
        {
            var dx = Math.Max(Math.Max(left + radius - x, x - (right - radius)), 0);
            var dy = Math.Max(Math.Max(top + radius - y, y - (bottom - radius)), 0);
            return dx * dx + dy * dy <= radius * radius;
        });

    /// <summary>Fills a trapezoid whose top edge spans [topLeft, topRight] at <paramref name="top"/> and bottom edge [bottomLeft, bottomRight].</summary>
    public void Trapezoid(double top, double bottom, double topLeft, double topRight, double bottomLeft, double bottomRight, (byte R, byte G, byte B) colour) =>
        Fill(Math.Min(topLeft, bottomLeft), top, Math.Max(topRight, bottomRight), bottom, colour, (x, y) =>
        {
            var t = (y - top) / (bottom - top);
            var left = topLeft + (bottomLeft - topLeft) * t;
            var right = topRight + (bottomRight - topRight) * t;
            return x >= left && x <= right;
        });

    public void Line(double x0, double y0, double x1, double y1, double thickness, (byte R, byte G, byte B) colour)
    {
        var half = thickness / 2;
        Fill(Math.Min(x0, x1) - half, Math.Min(y0, y1) - half, Math.Max(x0, x1) + half, Math.Max(y0, y1) + half, colour, (x, y) =>
        {
            var vx = x1 - x0;
            var vy = y1 - y0;
            var t = Math.Clamp(((x - x0) * vx + (y - y0) * vy) / (vx * vx + vy * vy), 0, 1);
            var dx = x - (x0 + t * vx);
            var dy = y - (y0 + t * vy);
            return dx * dx + dy * dy <= half * half;
        });
    }

    /// <summary>The picture at output size as rgb24, each pixel the mean of its supersamples.</summary>
    public byte[] ToRgb24()
    {
        var output = new byte[Width * Height * 3];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var sum = 0;
                    for (var sy = 0; sy < Supersample; sy++)
                    {
                        for (var sx = 0; sx < Supersample; sx++)
                        {
                            sum += _pixels[(((y * Supersample + sy) * _width) + x * Supersample + sx) * 3 + c];
                        }
                    }
                    output[(y * Width + x) * 3 + c] = (byte)((sum + Supersample * Supersample / 2) / (Supersample * Supersample));
                }
            }
        }
        return output;
    }

    private void Fill(double left, double top, double right, double bottom, (byte R, byte G, byte B) colour, Func<double, double, bool> inside)
    {
        var x0 = Math.Max(0, (int)Math.Floor(left * Supersample));
        var x1 = Math.Min(_width - 1, (int)Math.Ceiling(right * Supersample));
        var y0 = Math.Max(0, (int)Math.Floor(top * Supersample));
        var y1 = Math.Min(_height - 1, (int)Math.Ceiling(bottom * Supersample));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (inside((x + 0.5) / Supersample, (y + 0.5) / Supersample))
                {
                    var i = (y * _width + x) * 3;
                    _pixels[i] = colour.R;
                    _pixels[i + 1] = colour.G;
                    _pixels[i + 2] = colour.B;
                }
            }
        }
    }
}
