using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>A generated image with its recipe and timings.</summary>
/// <param name="Image">The decoded image.</param>
/// <param name="Recipe">What determined it.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record GenerationResult(RgbImage Image, GenerationRecipe Recipe, GenerationTimings Timings);
