namespace ExplainerStudio.Web.Review;

/// <summary>The seam score of one cut: the last frame of one take against the first frame of the next.</summary>
public sealed class CutSeam
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int BeforeTakeId { get; set; }
    public int AfterTakeId { get; set; }
    public int MethodVersion { get; set; }
    public double Score { get; set; }
    public double ColourDistance { get; set; }
    public double LightnessJump { get; set; }
    public DateTimeOffset ScoredAt { get; set; }
}
