namespace ExplainerStudio.Web.Review;

/// <summary>The latest review decision on a take (one per take; a new decision replaces it).</summary>
public sealed class TakeDecision
{
    public int TakeId { get; set; }
    public int ProjectId { get; set; }
    public int ShotId { get; set; }
    public ReviewDecision Decision { get; set; }
    public string DecidedByUserId { get; set; } = "";
    public DateTimeOffset DecidedAt { get; set; }
}
