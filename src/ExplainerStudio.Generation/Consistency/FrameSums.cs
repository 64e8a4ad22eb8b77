using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// A frame's summed-area table of R, G and B, so the mean colour of any rectangle costs four look-ups: flicker
/// compares the same blocks of the keyframe in two frames whose windows differ, and this keeps a whole clip at one
/// pass over each frame.
/// </summary>
internal sealed class FrameSums
{
    private long[] _sums = [];

    /// <summary>Fills the table from <paramref name="frame"/>, reusing the buffer when the size allows, so a clip
    /// streams through two tables instead of allocating one per frame.</summary>
    public void Load(TakeFrame frame)
    {
        RgbImage image = frame.Image;
        View = frame.View;
        if (image.Width != Width || image.Height != Height)
        {
            // Row 0 and column 0 stay zero only in a buffer laid out for this size.
            Width = image.Width;
            Height = image.Height;
            _sums = new long[(Width + 1) * 3 * (Height + 1)];
        }

        int stride = (Width + 1) * 3;
        byte[] pixels = image.Pixels;
        for (int y = 0; y < Height; y++)
        {
            long r = 0;
            long g = 0;
            long b = 0;
            int row = (y + 1) * stride;
            int above = y * stride;
            for (int x = 0; x < Width; x++)
            {
                int at = ((y * Width) + x) * 3;
                r += pixels[at];
                g += pixels[at + 1];
                b += pixels[at + 2];
                int to = row + ((x + 1) * 3);
                _sums[to] = _sums[above + ((x + 1) * 3)] + r;
                _sums[to + 1] = _sums[above + ((x + 1) * 3) + 1] + g;
                _sums[to + 2] = _sums[above + ((x + 1) * 3) + 2] + b;
            }
        }
    }

    public CropWindow View { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>The mean colour of <paramref name="area"/> (frame pixels, rounded to whole pixels, at least one) in CIELAB.</summary>
    public (float L, float A, float B) MeanLab(CropWindow area)
    {
        int x0 = Math.Clamp((int)Math.Round(area.X), 0, Width - 1);
        int y0 = Math.Clamp((int)Math.Round(area.Y), 0, Height - 1);
        int x1 = Math.Clamp((int)Math.Round(area.X + area.Width), x0 + 1, Width);
        int y1 = Math.Clamp((int)Math.Round(area.Y + area.Height), y0 + 1, Height);
        int stride = (Width + 1) * 3;
        double count = (x1 - x0) * (double)(y1 - y0);
        Span<double> mean = stackalloc double[3];
        for (int c = 0; c < 3; c++)
        {
            long sum = _sums[(y1 * stride) + (x1 * 3) + c] - _sums[(y0 * stride) + (x1 * 3) + c]
                - _sums[(y1 * stride) + (x0 * 3) + c] + _sums[(y0 * stride) + (x0 * 3) + c];
            mean[c] = sum / count;
        }

        return LabImage.ToLab(mean[0], mean[1], mean[2]);
    }
}
