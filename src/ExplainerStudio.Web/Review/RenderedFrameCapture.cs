using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Media.Images;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// Collects <see cref="RenderedFrames"/> from one render as its frames pass to the encoder: every frame goes through
/// the flicker meter (one pass over its pixels) and only the keyframe, the sampled frames and the first and last are
/// kept, shrunk to the analysis size the clip would have been decoded at. Frames arrive in clip order from one thread.
/// </summary>
public sealed class RenderedFrameCapture
{
    private readonly int _frameCount;
    private readonly CameraMove _move;
    private readonly int _analysisLongSide;
    private readonly HashSet<int> _sampled;
    private readonly List<TakeFrame> _kept = [];
    private readonly TemporalFlicker _flicker = new();
    private TakeFrame? _keyframe;
    private RgbImage? _first;
    private RgbImage? _last;
    private int _added;

    public RenderedFrameCapture(int frameCount, CameraMove move, int sampledFrames, int analysisLongSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        _frameCount = frameCount;
        _move = move;
        _analysisLongSide = analysisLongSide;
        _sampled = DriftScorer.SampleFrameIndices(frameCount, sampledFrames).ToHashSet();
    }

    public void AddKeyframe(RgbImage keyframe) => _keyframe = TakeFrame.Keyframe(ForAnalysis(keyframe));

    /// <summary>Adds the next clip frame (1, 2, … in order).</summary>
    public void Add(RgbImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var index = ++_added;
        _flicker.Add(TakeFrame.FromShot(Math.Min(index, _frameCount), _frameCount, frame, _move));
        _first ??= ForAnalysis(frame);
        _last = frame;
        if (_sampled.Contains(index))
        {
            _kept.Add(TakeFrame.FromShot(index, _frameCount, ForAnalysis(frame), _move));
        }
    }

    /// <summary>Null when no keyframe or clip frame came (the render failed before its clip).</summary>
    public RenderedFrames? Finish() =>
        _keyframe is { } keyframe && _first is { } first && _last is { } last
            ? new RenderedFrames(keyframe, _kept, first, ForAnalysis(last), _added, _flicker.Result())
            : null;

    private RgbImage ForAnalysis(RgbImage image)
    {
        var (width, height) = ImageDecoder.FitWithin(image.Width, image.Height, _analysisLongSide, _analysisLongSide);
        return width == image.Width && height == image.Height ? image : ImageResampler.Resize(image, width, height);
    }
}
