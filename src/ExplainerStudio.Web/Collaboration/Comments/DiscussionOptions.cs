using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>Limits of comments and the inbox, bound from the <c>Discussion</c> section.</summary>
public sealed class DiscussionOptions
{
    public const string SectionName = "Discussion";

    /// <summary>The most characters one comment may have.</summary>
    [Range(100, 100_000)]
    public int MaxCommentLength { get; set; } = 5000;

    /// <summary>The most members one comment may mention.</summary>
    [Range(1, 200)]
    public int MaxMentions { get; set; } = 20;

    /// <summary>How many notifications the inbox shows at once, newest first.</summary>
    [Range(10, 1000)]
    public int InboxPageSize { get; set; } = 100;
}
