namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>An activity entry as the log shows it, with the link to what it is about (a path on this studio).</summary>
public sealed record ActivityView(
    int Id, DateTimeOffset At, string? ActorUserId, string ActorName, ActivityKind Kind, ActivityTarget Target, int? TargetId,
    int? ShotId, string Summary, IReadOnlyList<ActivityFieldChange> Changes, string Link);
