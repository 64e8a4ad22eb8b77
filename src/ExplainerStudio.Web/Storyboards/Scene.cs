namespace ExplainerStudio.Web.Storyboards;

public sealed class Scene
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public int Version { get; set; }
    public List<Shot> Shots { get; set; } = [];
}
