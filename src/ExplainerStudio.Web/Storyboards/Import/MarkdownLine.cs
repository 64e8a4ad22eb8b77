namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>One line of a Markdown paragraph: as written (<see cref="Source"/>) and as it reads (<see cref="Plain"/>, without markup).</summary>
internal readonly record struct MarkdownLine(string Source, string Plain, int Line);
