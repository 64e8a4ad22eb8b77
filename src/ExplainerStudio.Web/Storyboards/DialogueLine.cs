using ExplainerStudio.Web.Characters;

namespace ExplainerStudio.Web.Storyboards;

public sealed class DialogueLine
{
    public int Id { get; set; }
    public int ShotId { get; set; }
    public Shot? Shot { get; set; }
    public int Position { get; set; }
    public int CharacterId { get; set; }
    public Character? Character { get; set; }
    public string Text { get; set; } = "";
}
