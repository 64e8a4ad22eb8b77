namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>A new thread: on the shot, or on one of its takes, optionally at a frame of that take's clip.</summary>
public sealed record CommentDraft(int ShotId, string Body, int? TakeId = null, int? FrameIndex = null);
