using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Web.Review;

/// <summary>How takes are scored and regenerated for review, bound from the <c>Review</c> section.</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Review";

    /// <summary>Clip frames scored for drift beside the keyframe, spread evenly (the last always among them).</summary>
    [Range(1, 64)]
    public int SampledFrames { get; set; } = 3;

    /// <summary>
    /// Frames are scored at most this long on their long side. The drift signals work on a 48-pixel grid, so full
    /// size buys nothing but decode time.
    /// </summary>
    [Range(64, 4096)]
    public int AnalysisLongSide { get; set; } = 512;

    /// <summary>The long side of the stored worst-frame stills shown on the board and in the report.</summary>
    [Range(32, 1024)]
    public int StillLongSide { get; set; } = 320;

    /// <summary>Takes waiting to be scored; past it new renders are left for "Score now" rather than blocking a render.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>"Stronger references" multiplies the take's image-to-image strength by this (less departure from the
    /// layout, where each character's locked reference is drawn).</summary>
    [Range(0.1, 0.95)]
    public double StrongerReferenceFactor { get; set; } = 0.6;

    /// <summary>The lowest strength "stronger references" goes to; below it a render is little more than the layout.</summary>
    [Range(0.01, 0.9)]
    public double MinimumStrength { get; set; } = 0.15;
}
