namespace ExplainerStudio.Media.Export;

/// <summary>The picture of one shot on the timeline.</summary>
/// <param name="ShotId">The aligned shot it belongs to.</param>
/// <param name="ClipPath">The selected take's clip, or null for a placeholder card.</param>
/// <param name="TrimIn">Where in the clip the shot starts; a clip shorter than the shot holds its last frame.</param>
public sealed record ExportShot(string ShotId, string? ClipPath, TimeSpan TrimIn = default);
