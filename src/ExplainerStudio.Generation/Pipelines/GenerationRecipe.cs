using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>Everything that determined an image, for a take's recipe.</summary>
/// <param name="PackId">The model pack's id.</param>
/// <param name="PackHash">The model pack's content hash.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Scheduler">The scheduler that ran.</param>
/// <param name="SchedulerNote">Why a stand-in scheduler ran instead of the configured class, or null.</param>
/// <param name="Steps">Inference steps of the schedule.</param>
/// <param name="StepsRun">UNet evaluations actually run (fewer for image-to-image).</param>
/// <param name="GuidanceScale">The guidance scale.</param>
/// <param name="Strength">Image-to-image strength, or null for text-to-image.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="ImageTokens">Reference image tokens fed to the UNet per prompt.</param>
/// <param name="ExecutionProvider">Where it ran and on which ONNX Runtime, e.g. <c>cpu, ONNX Runtime 1.31.1</c> or <c>cuda:0, ONNX Runtime 1.31.0</c>.</param>
public sealed record GenerationRecipe(
    string PackId,
    string PackHash,
    ulong Seed,
    SchedulerKind Scheduler,
    string? SchedulerNote,
    int Steps,
    int StepsRun,
    float GuidanceScale,
    float? Strength,
    int Width,
    int Height,
    int ImageTokens,
    string ExecutionProvider);
