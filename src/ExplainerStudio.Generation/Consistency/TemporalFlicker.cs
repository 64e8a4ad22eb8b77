using System.Globalization;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Measures flicker frame by frame (<see cref="FlickerScore"/>). Consecutive frames show known windows of the
/// keyframe, so the part of the keyframe both show is cut from each and resampled to one grid: what differs then is
/// the rendering, not the camera. The change of a pair is the median, over a 4×4 grid of blocks, of the ΔE between
/// the blocks' mean colours, so a global flash counts in full while a small part of the picture changing (an object
/// moving) does not. Add frames in clip order; only the previous frame is kept, so a whole clip can stream through.
/// </summary>
public sealed class TemporalFlicker
{
    /// <summary>A pair change of this ΔE or more scores 1.</summary>
    public const double FullScaleDeltaE = 25;

    private const int GridSide = 48;
    private const int Blocks = 4;

    private readonly List<double> _changes = [];
    private TakeFrame? _previous;
    private (int First, int Second)? _worstPair;
    private double _worstChange = -1;
    private double _worstLightness;

    /// <summary>Scores a whole take's frames in clip order.</summary>
    public static FlickerScore Score(IEnumerable<TakeFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var meter = new TemporalFlicker();
        foreach (TakeFrame frame in frames)
        {
            meter.Add(frame);
        }

        return meter.Result();
    }

    /// <summary>Adds the next frame of the clip.</summary>
    /// <exception cref="ConsistencyException">The frame's size differs from the previous one's.</exception>
    public void Add(TakeFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_previous is { } previous)
        {
            if (previous.Image.Width != frame.Image.Width || previous.Image.Height != frame.Image.Height)
            {
                throw new ConsistencyException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Frame {frame.Index} is {frame.Image.Width}×{frame.Image.Height} but frame {previous.Index} was {previous.Image.Width}×{previous.Image.Height}; a take's frames share one size."));
            }

            (double change, double lightness) = Compare(previous, frame);
            _changes.Add(change);
            if (change > _worstChange)
            {
                _worstChange = change;
                _worstLightness = lightness;
                _worstPair = (previous.Index, frame.Index);
            }
        }

        _previous = frame;
    }

    /// <summary>The score of the frames added so far.</summary>
    public FlickerScore Result()
    {
        double worst = Math.Max(0, _worstChange);
        return new FlickerScore(
            ConsistencyMethod.Version,
            Math.Min(1, worst / FullScaleDeltaE),
            _worstPair,
            worst,
            _worstLightness,
            _changes.ToArray());
    }

    private static (double Change, double Lightness) Compare(TakeFrame first, TakeFrame second)
    {
        CropWindow a = first.View;
        CropWindow b = second.View;
        double left = Math.Max(a.X, b.X);
        double top = Math.Max(a.Y, b.Y);
        double right = Math.Min(a.X + a.Width, b.X + b.Width);
        double bottom = Math.Min(a.Y + a.Height, b.Y + b.Height);
        if (right - left <= 0 || bottom - top <= 0)
        {
            // The views share nothing (a cut inside the take): compare the whole frames.
            (left, top, right, bottom) = (0, 0, first.Image.Width, first.Image.Height);
            a = b = CropWindow.Full(first.Image);
        }

        var overlap = new CropWindow(left, top, right - left, bottom - top);
        double aspect = overlap.Width / overlap.Height;
        int width = aspect >= 1 ? GridSide : Math.Max(Blocks, (int)Math.Round(GridSide * aspect));
        int height = aspect >= 1 ? Math.Max(Blocks, (int)Math.Round(GridSide / aspect)) : GridSide;
        LabImage one = LabImage.From(ImageResampler.Resample(first.Image, InFrame(overlap, a, first.Image), width, height));
        LabImage two = LabImage.From(ImageResampler.Resample(second.Image, InFrame(overlap, b, second.Image), width, height));

        var deltas = new double[Blocks * Blocks];
        for (int by = 0; by < Blocks; by++)
        {
            for (int bx = 0; bx < Blocks; bx++)
            {
                (double l1, double a1, double b1) = BlockMean(one, bx, by);
                (double l2, double a2, double b2) = BlockMean(two, bx, by);
                deltas[(by * Blocks) + bx] = Math.Sqrt(((l2 - l1) * (l2 - l1)) + ((a2 - a1) * (a2 - a1)) + ((b2 - b1) * (b2 - b1)));
            }
        }

        Array.Sort(deltas);
        double median = (deltas[(deltas.Length / 2) - 1] + deltas[deltas.Length / 2]) / 2;
        return (median, two.L.Average() - one.L.Average());
    }

    private static CropWindow InFrame(CropWindow keyframeArea, CropWindow view, RgbImage frame)
    {
        double scaleX = frame.Width / view.Width;
        double scaleY = frame.Height / view.Height;
        return new CropWindow((keyframeArea.X - view.X) * scaleX, (keyframeArea.Y - view.Y) * scaleY, keyframeArea.Width * scaleX, keyframeArea.Height * scaleY);
    }

    private static (double L, double A, double B) BlockMean(LabImage image, int bx, int by)
    {
        int x0 = bx * image.Width / Blocks;
        int x1 = (bx + 1) * image.Width / Blocks;
        int y0 = by * image.Height / Blocks;
        int y1 = (by + 1) * image.Height / Blocks;
        double l = 0;
        double a = 0;
        double b = 0;
        int count = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                int i = (y * image.Width) + x;
                l += image.L[i];
                a += image.A[i];
                b += image.B[i];
                count++;
            }
        }

        return (l / count, a / count, b / count);
    }
}
