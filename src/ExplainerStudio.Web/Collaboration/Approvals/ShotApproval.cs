namespace ExplainerStudio.Web.Collaboration.Approvals;

/// <summary>
/// A shot's current approval decision: one row per shot, written on its first decision (a shot without one is a
/// draft). Every decision is also an approval entry in the activity log, which is its history.
/// </summary>
public sealed class ShotApproval
{
    public int Id { get; set; }
    public int ShotId { get; set; }
    public int ProjectId { get; set; }
    public ApprovalState State { get; set; }

    /// <summary>What the reviewer asked for, or why it was approved; empty when none was given.</summary>
    public string Note { get; set; } = "";
    public string ChangedByUserId { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
    public int Version { get; set; }
}
