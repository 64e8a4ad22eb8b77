namespace ExplainerStudio.Web.Storyboards.Import;

internal sealed class SceneDraft(int id, string title, int line)
{
    public int Id { get; } = id;
    public string Title { get; } = title;
    public int Line { get; } = line;
    public List<ShotDraft> Shots { get; } = [];
}
