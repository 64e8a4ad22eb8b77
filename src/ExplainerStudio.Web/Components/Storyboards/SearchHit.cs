namespace ExplainerStudio.Web.Components.Storyboards;

/// <summary>One quick-search result: what matched, where it is, and the page that shows it.</summary>
public sealed record SearchHit(string Label, string Where, string Href);
