namespace ExplainerStudio.Web.Components.Storyboards;

/// <summary>Where a character stands in a frame, as the layout preview draws it (saved or still being edited).</summary>
public sealed record ShotPlacement(int CharacterId, double X, double Y, double Scale, int ZOrder);
