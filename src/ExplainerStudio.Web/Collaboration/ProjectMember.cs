using ExplainerStudio.Web.Data;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Collaboration;

public sealed class ProjectMember
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public string UserId { get; set; } = "";
    public StudioUser? User { get; set; }
    public ProjectRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
