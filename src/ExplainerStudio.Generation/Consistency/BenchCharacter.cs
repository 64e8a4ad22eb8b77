using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>A character of the consistency benchmark: a name and its locked reference images.</summary>
/// <param name="Name">Shown in no figure; helps when reading a failing run.</param>
/// <param name="References">The reference set (at least one image; the first is placed in the layout).</param>
public sealed record BenchCharacter(string Name, IReadOnlyList<RgbImage> References);
