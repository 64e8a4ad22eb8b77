using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>Where a placed character is in one frame.</summary>
/// <param name="Crop">The visible part of the character's region, in the frame's pixels.</param>
/// <param name="ReferenceFraction">The same part of the placed reference, in units of its width and height
/// (the whole reference is <c>(0, 0, 1, 1)</c>), so any reference of the set can be cut to match.</param>
public sealed record TrackedRegion(CropWindow Crop, CropWindow ReferenceFraction);
