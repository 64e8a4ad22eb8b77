using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>Reported after every denoising step.</summary>
/// <param name="Step">Steps completed so far (1-based).</param>
/// <param name="TotalSteps">Steps this generation runs.</param>
/// <param name="Elapsed">Time since the generation started.</param>
/// <param name="Preview">A small image of the current clean-latent estimate (latent resolution), or null on most steps.</param>
public sealed record GenerationProgress(int Step, int TotalSteps, TimeSpan Elapsed, RgbImage? Preview);
