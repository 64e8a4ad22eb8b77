namespace ExplainerStudio.Web.Collaboration;

/// <summary>
/// An owner's invitation: whoever opens its link may create one account, which joins the project with the role.
/// Only the SHA-256 of the link's token is stored, so a copy of the database cannot be used to sign up.
/// </summary>
public sealed class ProjectInvitation
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public ProjectRole Role { get; set; }
    public string TokenSha256 { get; set; } = "";
    public string CreatedByUserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedByUserId { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
