namespace ExplainerStudio.Web.Components.Storyboards;

/// <summary>A dialogue line while the shot editor changes it; saved as a DialogueEdit.</summary>
public sealed class DialogueLineDraft
{
    /// <summary>The stored line's id; null for a line added in this editor. Sent back so a reordered or edited line
    /// keeps its recorded takes.</summary>
    public int? Id { get; init; }

    public int CharacterId { get; set; }
    public string Text { get; set; } = "";
}
