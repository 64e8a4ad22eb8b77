using ExplainerStudio.Web.Data;

namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>
/// One comment on a shot, or on one of its takes (optionally at a frame of the take's clip). A comment with no
/// <see cref="ThreadId"/> opens a thread and carries the thread's resolved state; replies point at it.
/// </summary>
public sealed class Comment
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int ShotId { get; set; }
    public int? TakeId { get; set; }

    /// <summary>The comment that opened the thread; null when this one opens it.</summary>
    public int? ThreadId { get; set; }

    /// <summary>A frame of the take's clip the thread is about (0-based); only on a take's thread.</summary>
    public int? FrameIndex { get; set; }
    public string AuthorUserId { get; set; } = "";
    public StudioUser? Author { get; set; }

    /// <summary>Markdown; rendered with raw HTML disabled.</summary>
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>
    /// Set when the author deleted a comment that opens a thread with replies: the thread stays readable and says the
    /// opening comment was deleted. Any other deleted comment is removed outright.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedByUserId { get; set; }
    public List<CommentMention> Mentions { get; set; } = [];
}
