namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>A dialogue line to create; <paramref name="Delivery"/> holds a screenplay's parenthetical or extension ("V.O.", "whispering").</summary>
public sealed record ImportLine(string Speaker, string Text, string Delivery = "");
