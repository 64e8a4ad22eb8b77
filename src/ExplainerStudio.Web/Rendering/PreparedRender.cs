using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Pipelines;

namespace ExplainerStudio.Web.Rendering;

/// <summary>A job ready for its first denoising step: the keyframe request, the camera move and the clip's frame count.</summary>
public sealed record PreparedRender(
    RenderInputs Inputs,
    IReadOnlyList<TakeReference> References,
    DiffusionPipeline Pipeline,
    GenerationRequest Keyframe,
    CameraMove Move,
    int FrameCount,
    float RefineStrength,
    int FrameRate,
    int RefineEvery = DiffusionPipeline.DefaultRefineEvery);
