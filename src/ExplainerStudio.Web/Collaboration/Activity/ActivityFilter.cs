namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>Which entries of a project's log to show; null parts do not filter. Newest first, at most <see cref="Limit"/>.</summary>
public sealed record ActivityFilter(ActivityKind? Kind = null, string? ActorUserId = null, int? ShotId = null, int Limit = 200)
{
    public const int MaxLimit = 1000;
}
