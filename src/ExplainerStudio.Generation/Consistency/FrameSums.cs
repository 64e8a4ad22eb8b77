using System.Numerics;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// A frame's summed-area table of R, G and B over square cells of a few pixels, so the mean colour of any rectangle
/// costs four look-ups: flicker compares the same blocks of the keyframe in two frames whose windows differ, and this
/// keeps a whole clip at one pass over each frame's pixels.
/// </summary>
/// <remarks>
/// Flicker compares the means of 16 blocks, each at least a quarter of the frame on a side, so summing pixels at full
/// resolution only costs time: the table is built over cells of about 1/<see cref="CellsOnShortSide"/> of the short
/// side and read with bilinear interpolation, which integrates the cell-averaged picture exactly over any rectangle
/// (fractional edges included). A block's edge therefore moves smoothly with the camera instead of snapping to whole
/// pixels or cells.
/// </remarks>
internal sealed class FrameSums
{
    /// <summary>About this many cells span the frame's short side (frames smaller than that use one pixel a cell).</summary>
    public const int CellsOnShortSide = 64;

    private long[] _sums = [];
    private ushort[] _lines = [];
    private int _cell = 1;
    private int _columns;
    private int _rows;

    public CropWindow View { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Fills the table from <paramref name="frame"/>, reusing the buffers when the size allows, so a clip
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
            _cell = Math.Max(1, Math.Min(Width, Height) / CellsOnShortSide);
            _columns = (Width + _cell - 1) / _cell;
            _rows = (Height + _cell - 1) / _cell;
            _sums = new long[(_columns + 1) * 3 * (_rows + 1)];
            _lines = new ushort[Width * 3];
        }

        // Locals, not fields, in the loops: the JIT cannot keep fields in registers across the table's stores.
        int width = Width;
        int height = Height;
        int cell = _cell;
        int columns = _columns;
        int stride = (columns + 1) * 3;
        Span<long> table = _sums;
        ReadOnlySpan<byte> pixels = image.Pixels;
        Span<ushort> lines = _lines;
        for (int cy = 0; cy < _rows; cy++)
        {
            // A cell row's lines summed column by column first (vectorised), then each cell's columns: the pixels are
            // read once, in order, with no per-pixel bookkeeping. A cell is at most 256 lines, so 256 × 255 fits a ushort.
            lines.Clear();
            int yEnd = Math.Min(height, (cy + 1) * cell);
            for (int y = cy * cell; y < yEnd; y++)
            {
                Accumulate(pixels.Slice(y * width * 3, width * 3), lines);
            }

            long sr = 0;
            long sg = 0;
            long sb = 0;
            Span<long> row = table.Slice((cy + 1) * stride, stride);
            ReadOnlySpan<long> above = table.Slice(cy * stride, stride);
            int at = 0;
            for (int cx = 0; cx < columns; cx++)
            {
                int end = Math.Min(width, (cx + 1) * cell) * 3;
                for (; at < end; at += 3)
                {
                    sr += lines[at];
                    sg += lines[at + 1];
                    sb += lines[at + 2];
                }

                int to = (cx + 1) * 3;
                row[to] = above[to] + sr;
                row[to + 1] = above[to + 1] + sg;
                row[to + 2] = above[to + 2] + sb;
            }
        }
    }

    private static void Accumulate(ReadOnlySpan<byte> line, Span<ushort> sums)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int step = Vector<byte>.Count;
            int half = Vector<ushort>.Count;
            for (; i <= line.Length - step; i += step)
            {
                Vector.Widen(new Vector<byte>(line.Slice(i, step)), out Vector<ushort> low, out Vector<ushort> high);
                (new Vector<ushort>(sums.Slice(i, half)) + low).CopyTo(sums.Slice(i, half));
                (new Vector<ushort>(sums.Slice(i + half, half)) + high).CopyTo(sums.Slice(i + half, half));
            }
        }

        for (; i < line.Length; i++)
        {
            sums[i] += line[i];
        }
    }

    /// <summary>The mean colour of <paramref name="area"/> (frame pixels, clipped to the frame, at least one pixel
    /// on a side) in CIELAB.</summary>
    public (float L, float A, float B) MeanLab(CropWindow area)
    {
        (double x0, double x1) = Clip(area.X, area.X + area.Width, Width);
        (double y0, double y1) = Clip(area.Y, area.Y + area.Height, Height);
        (int cx0, double fx0) = Cell(x0, _columns, Width);
        (int cx1, double fx1) = Cell(x1, _columns, Width);
        (int cy0, double fy0) = Cell(y0, _rows, Height);
        (int cy1, double fy1) = Cell(y1, _rows, Height);
        double count = (x1 - x0) * (y1 - y0);
        Span<double> mean = stackalloc double[3];
        for (int c = 0; c < 3; c++)
        {
            double sum = At(cx1, fx1, cy1, fy1, c) - At(cx0, fx0, cy1, fy1, c) - At(cx1, fx1, cy0, fy0, c) + At(cx0, fx0, cy0, fy0, c);
            mean[c] = Math.Clamp(sum / count, 0, 255);
        }

        return LabImage.ToLab(mean[0], mean[1], mean[2]);
    }

    private static (double From, double To) Clip(double from, double to, int size)
    {
        double a = Math.Clamp(from, 0, size);
        double b = Math.Clamp(to, 0, size);
        if (b - a >= 1)
        {
            return (a, b);
        }

        double start = Math.Clamp(((a + b) / 2) - 0.5, 0, size - 1);
        return (start, start + 1);
    }

    // The cell a coordinate falls in and how far across it; the last cell may be narrower than the others.
    private (int Index, double Fraction) Cell(double coordinate, int cells, int size)
    {
        int index = Math.Min((int)(coordinate / _cell), cells - 1);
        double start = index * (double)_cell;
        double width = Math.Min(size, (index + 1) * _cell) - start;
        return (index, Math.Clamp((coordinate - start) / width, 0, 1));
    }

    // The summed-area table between its grid points: the integral of the cell-averaged picture from the origin.
    private double At(int cx, double fx, int cy, double fy, int channel)
    {
        int stride = (_columns + 1) * 3;
        int top = cy * stride;
        int bottom = (cy + 1) * stride;
        int left = (cx * 3) + channel;
        int right = ((cx + 1) * 3) + channel;
        double upper = _sums[top + left] + (fx * (_sums[top + right] - _sums[top + left]));
        double lower = _sums[bottom + left] + (fx * (_sums[bottom + right] - _sums[bottom + left]));
        return upper + (fy * (lower - upper));
    }
}
