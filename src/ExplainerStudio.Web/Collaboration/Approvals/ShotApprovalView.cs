namespace ExplainerStudio.Web.Collaboration.Approvals;

/// <summary>
/// A shot's approval as members see it. <paramref name="Version"/> is what a change must be based on (0 while the
/// shot has never had a decision).
/// </summary>
public sealed record ShotApprovalView(
    int ShotId, ApprovalState State, string Note, string? ChangedByUserId, string? ChangedByName, DateTimeOffset? ChangedAt, int Version)
{
    public static ShotApprovalView DraftOf(int shotId) => new(shotId, ApprovalState.Draft, "", null, null, null, 0);
}
