namespace ExplainerStudio.Web.Review;

/// <summary>A regeneration the review board queued: which take it replaces and how, so the new take is shown beside it.</summary>
public sealed class TakeRegeneration
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int ShotId { get; set; }
    public int PreviousTakeId { get; set; }
    public int JobId { get; set; }
    public RegenerationMode Mode { get; set; }
    public double Strength { get; set; }
    public string RequestedByUserId { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
}
