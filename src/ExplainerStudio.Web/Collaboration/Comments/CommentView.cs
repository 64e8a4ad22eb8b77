namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>One comment as a member sees it; <see cref="BodyHtml"/> is the Markdown rendered safely.</summary>
public sealed record CommentView(
    int Id, string AuthorUserId, string AuthorName, string Body, string BodyHtml, DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt, bool IsDeleted, bool IsMine, IReadOnlyList<string> MentionedNames);
