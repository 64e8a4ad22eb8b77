namespace ExplainerStudio.Web.Components.Storyboards;

/// <summary>A character's placement while the shot editor changes it; saved as a PlacementEdit.</summary>
public sealed class PlacementDraft
{
    public int CharacterId { get; set; }
    public double X { get; set; }
    public double Y { get; set; }
    public double Scale { get; set; }
    public int ZOrder { get; set; }
}
