namespace ExplainerStudio.Generation.Consistency;

/// <summary>A character's drift in one frame of a take.</summary>
/// <param name="FrameIndex">The frame's <see cref="TakeFrame.Index"/> (0 = keyframe).</param>
/// <param name="Region">Where the character was looked for.</param>
/// <param name="ReferenceIndex">The reference of the set it matched best (lowest combined score).</param>
/// <param name="Signals">The signals against that reference.</param>
public sealed record FrameDrift(int FrameIndex, TrackedRegion Region, int ReferenceIndex, DriftSignals Signals)
{
    /// <summary>The combined score in this frame.</summary>
    public double Score => Signals.Combined;
}
