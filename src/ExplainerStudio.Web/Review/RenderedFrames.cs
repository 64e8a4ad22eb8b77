using ExplainerStudio.Generation.Consistency;

namespace ExplainerStudio.Web.Review;

/// <summary>
/// What scoring needs from a take, taken from the frames while they were rendered rather than decoded again from the
/// clip: the keyframe and the sampled frames at the analysis size, the first and last clip frames, and the clip's
/// flicker, measured on the exact (not yet compressed) frames.
/// </summary>
public sealed record RenderedFrames(
    TakeFrame Keyframe,
    IReadOnlyList<TakeFrame> Sampled,
    RgbImage First,
    RgbImage Last,
    int FrameCount,
    FlickerScore Flicker);
