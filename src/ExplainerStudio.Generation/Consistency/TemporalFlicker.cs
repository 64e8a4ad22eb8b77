using System.Globalization;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Measures flicker frame by frame (<see cref="FlickerScore"/>). Consecutive frames show known windows of the
/// keyframe, so the part of the keyframe both show is found in each and split into the same blocks: what differs then is
/// the rendering, not the camera. The change of a pair is the median, over a 4×4 grid of blocks, of the ΔE between
/// the blocks' mean colours, so a global flash counts in full while a small part of the picture changing (an object
/// moving) does not. Add frames in clip order; only the previous frame is kept, so a whole clip can stream through.
/// </summary>
public sealed class TemporalFlicker
{
    /// <summary>A pair change of this ΔE or more scores 1.</summary>
    public const double FullScaleDeltaE = 25;

    private const int Blocks = 4;

    private readonly List<double> _changes = [];
    private TakeFrame? _previous;
    private FrameSums? _previousSums;
    private FrameSums _spare = new();
    private FramePair? _worstPair;
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
        FrameSums sums = _spare;
        sums.Load(frame);
        if (_previous is { } previous)
        {
            if (previous.Image.Width != frame.Image.Width || previous.Image.Height != frame.Image.Height)
            {
                throw new ConsistencyException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Frame {frame.Index} is {frame.Image.Width}×{frame.Image.Height} but frame {previous.Index} was {previous.Image.Width}×{previous.Image.Height}; a take's frames share one size."));
            }

            (double change, double lightness) = Compare(_previousSums!, sums);
            _changes.Add(change);
            if (change > _worstChange)
            {
                _worstChange = change;
                _worstLightness = lightness;
                _worstPair = new FramePair(previous.Index, frame.Index);
            }
        }

        _previous = frame;
        _spare = _previousSums ?? new FrameSums();
        _previousSums = sums;
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

    private static (double Change, double Lightness) Compare(FrameSums first, FrameSums second)
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
            (left, top, right, bottom) = (0, 0, first.Width, first.Height);
            a = b = new CropWindow(0, 0, first.Width, first.Height);
        }

        var deltas = new double[Blocks * Blocks];
        double lightness = 0;
        for (int by = 0; by < Blocks; by++)
        {
            for (int bx = 0; bx < Blocks; bx++)
            {
                var block = new CropWindow(
                    left + ((right - left) * bx / Blocks),
                    top + ((bottom - top) * by / Blocks),
                    (right - left) / Blocks,
                    (bottom - top) / Blocks);
                (float l1, float a1, float b1) = first.MeanLab(InFrame(block, a, first));
                (float l2, float a2, float b2) = second.MeanLab(InFrame(block, b, second));
                deltas[(by * Blocks) + bx] = Math.Sqrt(((l2 - l1) * (l2 - l1)) + ((a2 - a1) * (a2 - a1)) + ((b2 - b1) * (b2 - b1)));
                lightness += l2 - l1;
            }
        }

        Array.Sort(deltas);
        double median = (deltas[(deltas.Length / 2) - 1] + deltas[deltas.Length / 2]) / 2;
        return (median, lightness / deltas.Length);
    }

    private static CropWindow InFrame(CropWindow keyframeArea, CropWindow view, FrameSums frame)
    {
        double scaleX = frame.Width / view.Width;
        double scaleY = frame.Height / view.Height;
        return new CropWindow((keyframeArea.X - view.X) * scaleX, (keyframeArea.Y - view.Y) * scaleY, keyframeArea.Width * scaleX, keyframeArea.Height * scaleY);
    }
}
