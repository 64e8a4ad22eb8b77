using ExplainerStudio.Generation.Pipelines;

namespace ExplainerStudio.Web.Rendering;

/// <summary>A finished render whose files still lie in the job's temporary folder, waiting to be committed as a take.</summary>
public sealed record RenderedTake(
    string KeyframeTempPath,
    string KeyframeSha256,
    string ClipTempPath,
    string ClipSha256,
    long ClipBytes,
    int Width,
    int Height,
    int FrameRate,
    int FrameCount,
    GenerationRecipe Recipe,
    IReadOnlyList<TakeReference> References,
    RenderInputs Inputs,
    TimeSpan Keyframe,
    TimeSpan Frames,
    TimeSpan EncodeWait,
    TimeSpan Total);
