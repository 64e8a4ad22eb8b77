using System.Text.RegularExpressions;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Reads a script into a <see cref="ScriptImportPlan"/>: Markdown (<see cref="MarkdownScriptParser"/>) or Fountain
/// (<see cref="FountainParser"/>). Nothing is written; the importer commits the plan.
/// </summary>
public static partial class ScriptParser
{
    public static ScriptImportPlan Parse(string script, ScriptImportSettings settings, IReadOnlyCollection<ImportCharacter> existingCharacters, ScriptFormat format = ScriptFormat.Auto)
    {
        var text = ScriptText.Read(script, settings.MaxScriptBytes);
        var resolved = format == ScriptFormat.Auto ? Detect(null, text.Text) : format;
        var plan = new PlanBuilder(settings, existingCharacters, resolved);
        return resolved == ScriptFormat.Fountain ? FountainParser.Parse(text, plan) : MarkdownScriptParser.Parse(text, plan);
    }

    /// <summary>Markdown with the default settings and a size limit; existing characters by name.</summary>
    public static ScriptImportPlan Parse(string markdown, int maxBytes, IReadOnlyCollection<string> existingCharacters) =>
        Parse(markdown, ScriptImportSettings.Default with { MaxScriptBytes = maxBytes }, [.. existingCharacters.Select(n => new ImportCharacter(n, false))], ScriptFormat.Markdown);

    /// <summary>
    /// Fountain for a .fountain file, Markdown for .md and .markdown; for pasted text (no name) or .txt, Fountain when
    /// it has a screenplay's scene headings and no Markdown headings.
    /// </summary>
    public static ScriptFormat Detect(string? fileName, string text)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension == ".fountain" || extension == ".spmd")
        {
            return ScriptFormat.Fountain;
        }
        if (extension is ".md" or ".markdown")
        {
            return ScriptFormat.Markdown;
        }
        return FountainHeading().IsMatch(text) && !MarkdownHeading().IsMatch(text) ? ScriptFormat.Fountain : ScriptFormat.Markdown;
    }

    [GeneratedRegex(@"(^|\n)(INT|EXT|EST|INT\./EXT|INT/EXT|I/E)[. ][^\n]*\n", RegexOptions.CultureInvariant)]
    private static partial Regex FountainHeading();

    [GeneratedRegex(@"(^|\n)#{1,6} \S")]
    private static partial Regex MarkdownHeading();
}
