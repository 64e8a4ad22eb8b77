namespace ExplainerStudio.Web.Rendering;

/// <summary>A character in the shot with the reference set it renders against (null: the character had no locked set).</summary>
public sealed record RenderPlacement(int CharacterId, string Name, double X, double Y, double Scale, int ZOrder, int? ReferenceSetId);
