namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// The version of the consistency scoring method. Every stored score records it; a score made with another version
/// is on another scale and must be recomputed, never compared or averaged with current ones.
/// </summary>
public static class ConsistencyMethod
{
    /// <summary>
    /// 1: CIELAB colour histograms (Hellinger distance), luma SSIM against the best reference, centred embedding
    /// cosine distance, equal weights; flicker from the block-median colour change between camera-aligned frames;
    /// seams from whole-frame histograms and the mean-lightness jump.
    /// </summary>
    public const int Version = 1;
}
