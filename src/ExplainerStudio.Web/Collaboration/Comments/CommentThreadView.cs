namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>
/// A thread: its opening comment first, then the replies in order. <see cref="FrameSeconds"/> is the frame's time in
/// the take's clip, for seeking the video to it.
/// </summary>
public sealed record CommentThreadView(
    int Id, int ShotId, int? TakeId, int? FrameIndex, double? FrameSeconds, bool IsResolved, string? ResolvedBy,
    DateTimeOffset? ResolvedAt, bool CanResolve, IReadOnlyList<CommentView> Comments);
