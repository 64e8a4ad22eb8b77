namespace ExplainerStudio.Web.Review;

/// <summary>A project's own consistency thresholds; a project without a row uses the studio's defaults.</summary>
public sealed class ReviewThresholds
{
    public int ProjectId { get; set; }
    public double Drifted { get; set; }
    public double Flickering { get; set; }
    public double Seam { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedByUserId { get; set; } = "";
}
