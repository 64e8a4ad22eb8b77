using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>One image of a shot as <c>DiffusionPipeline.RenderShotAsync</c> hands it out.</summary>
/// <param name="Index">0 for the keyframe, then 1..<paramref name="FrameCount"/> for the frames along the camera move.</param>
/// <param name="FrameCount">How many frames follow the keyframe.</param>
/// <param name="Image">The frame as rgb24, ready to stream to ffmpeg.</param>
/// <param name="Result">The full result (recipe, timings) for the keyframe; null for the following frames.</param>
public sealed record ShotFrame(int Index, int FrameCount, RgbImage Image, GenerationResult? Result)
{
    /// <summary>True for the shot's keyframe.</summary>
    public bool IsKeyframe => Index == 0;
}
