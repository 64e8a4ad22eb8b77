namespace ExplainerStudio.Generation.Pipelines;

/// <summary>Where a generation's time went.</summary>
/// <param name="Total">Everything, from request to decoded image.</param>
/// <param name="Conditioning">Tokenising and encoding prompts and reference images.</param>
/// <param name="Encode">Encoding the init image (image-to-image).</param>
/// <param name="UnetInsideRuntime">Time inside ONNX Runtime running the UNet, summed over steps.</param>
/// <param name="StepsOutsideRuntime">Time in the denoising loop outside ONNX Runtime (scaling, guidance, scheduler, conversions, progress).</param>
/// <param name="Decode">Decoding the final latents.</param>
public sealed record GenerationTimings(
    TimeSpan Total,
    TimeSpan Conditioning,
    TimeSpan Encode,
    TimeSpan UnetInsideRuntime,
    TimeSpan StepsOutsideRuntime,
    TimeSpan Decode);
