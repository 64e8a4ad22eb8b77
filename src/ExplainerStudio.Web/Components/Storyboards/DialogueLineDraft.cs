namespace ExplainerStudio.Web.Components.Storyboards;

/// <summary>A dialogue line while the shot editor changes it; saved as a DialogueEdit.</summary>
public sealed class DialogueLineDraft
{
    public int CharacterId { get; set; }
    public string Text { get; set; } = "";
}
