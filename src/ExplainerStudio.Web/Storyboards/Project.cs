using ExplainerStudio.Web.Characters;
using ExplainerStudio.Web.Collaboration;

namespace ExplainerStudio.Web.Storyboards;

public sealed class Project
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int FrameRate { get; set; } = 24;
    public int Width { get; set; } = 1280;
    public int Height { get; set; } = 720;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<Scene> Scenes { get; set; } = [];
    public List<Character> Characters { get; set; } = [];
    public List<ProjectMember> Members { get; set; } = [];
}
