namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>A project member a comment mentions (by "@Display Name"); they hear about it in their inbox.</summary>
public sealed class CommentMention
{
    public int Id { get; set; }
    public int CommentId { get; set; }
    public string UserId { get; set; } = "";
}
