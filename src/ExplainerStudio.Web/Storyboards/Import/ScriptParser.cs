using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Reads a Markdown script: <c># heading</c> starts a scene, <c>## heading</c> a shot, paragraphs become the shot's
/// description, and <c>NAME: text</c> or <c>&gt; **Name:** text</c> lines become dialogue. A plain <c>Name:</c>
/// line counts as dialogue only when the name is written in capitals or is already a character, so that
/// "Note: …" in a description stays prose.
/// </summary>
public static partial class ScriptParser
{
    public const int MaxScenes = 200;
    public const int MaxShots = 1000;

    public static ScriptImportPlan Parse(string markdown, int maxBytes, IReadOnlyCollection<string> existingCharacters)
    {
        var size = Encoding.UTF8.GetByteCount(markdown);
        if (size == 0 || string.IsNullOrWhiteSpace(markdown))
        {
            throw new StudioInputException("The script is empty. Paste Markdown with '#' scene and '##' shot headings.");
        }
        if (size > maxBytes)
        {
            throw new StudioInputException(
                $"The script is {size / 1024.0:0.#} KB; imports are limited to {maxBytes / 1024} KB. Split it and import the parts one after another.");
        }
        if (markdown.Contains('\0', StringComparison.Ordinal))
        {
            throw new StudioInputException("The script contains binary data; import a Markdown text file.");
        }

        var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in existingCharacters)
        {
            known[name] = name;
        }
        var newCharacters = new List<string>();
        var warnings = new List<string>();
        var scenes = new List<SceneBuilder>();
        SceneBuilder? scene = null;
        ShotBuilder? shot = null;
        var lineNumber = 0;

        foreach (var rawLine in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd();
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                var title = heading.Groups["title"].Value.Trim().TrimEnd('#').Trim();
                if (heading.Groups["level"].Value.Length == 1)
                {
                    scene = new SceneBuilder(Limit(title, 200, "Scene", lineNumber));
                    scenes.Add(scene);
                    shot = null;
                }
                else if (heading.Groups["level"].Value.Length == 2)
                {
                    if (scene is null)
                    {
                        scene = new SceneBuilder("Scene 1");
                        scenes.Add(scene);
                        warnings.Add($"Line {lineNumber}: a shot came before any '#' scene heading; it was put in a scene named 'Scene 1'.");
                    }
                    shot = new ShotBuilder(Limit(title, 200, "Shot", lineNumber));
                    scene.Shots.Add(shot);
                }
                else if (shot is not null)
                {
                    shot.AddProse(line);
                }
                continue;
            }

            var dialogue = ParseDialogue(line, known);
            if (dialogue is not null)
            {
                if (shot is null)
                {
                    warnings.Add($"Line {lineNumber}: dialogue outside a '##' shot was skipped: \"{Shorten(line)}\".");
                    continue;
                }
                var (speaker, text) = dialogue.Value;
                if (!known.TryGetValue(speaker, out var canonical))
                {
                    canonical = CanonicalName(speaker);
                    RequireCharacterName(canonical, lineNumber);
                    known[speaker] = canonical;
                    newCharacters.Add(canonical);
                }
                if (text.Length > StoryboardRules.MaxDialogueLength)
                {
                    throw new StudioInputException(
                        $"Line {lineNumber}: the dialogue line is {text.Length} characters; the limit is {StoryboardRules.MaxDialogueLength}. Split it into shorter lines.");
                }
                shot.Dialogue.Add(new ImportLine(canonical, text));
                continue;
            }

            if (shot is not null)
            {
                shot.AddProse(line);
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                warnings.Add($"Line {lineNumber}: text outside a '##' shot was skipped: \"{Shorten(line)}\".");
            }
        }

        var tooLong = scenes.SelectMany(s => s.Shots).FirstOrDefault(s => s.DescriptionLength > StoryboardRules.MaxDescriptionLength);
        if (tooLong is not null)
        {
            throw new StudioInputException(
                $"Shot '{tooLong.Title}' has a description of {tooLong.DescriptionLength} characters; the limit is {StoryboardRules.MaxDescriptionLength}. Shorten it or split the shot.");
        }

        if (scenes.Count == 0)
        {
            throw new StudioInputException(
                "The script has no headings. Start each scene with '# Scene title' and each shot with '## Shot title'.");
        }
        if (scenes.Count > MaxScenes || scenes.Sum(s => s.Shots.Count) > MaxShots)
        {
            throw new StudioInputException($"The script has more than {MaxScenes} scenes or {MaxShots} shots; split it into parts.");
        }
        foreach (var empty in scenes.Where(s => s.Shots.Count == 0))
        {
            warnings.Add($"Scene '{empty.Title}' has no '##' shots; it is created empty.");
        }

        return new ScriptImportPlan(
            scenes.Select(s => new ImportScene(s.Title, s.Shots.Select(x => x.Build()).ToList())).ToList(),
            newCharacters,
            warnings);
    }

    private static (string Speaker, string Text)? ParseDialogue(string line, IReadOnlyDictionary<string, string> known)
    {
        var quoted = QuotedDialogue().Match(line);
        if (quoted.Success)
        {
            return (quoted.Groups["name"].Value.Trim(), quoted.Groups["text"].Value.Trim());
        }

        var plain = PlainDialogue().Match(line);
        if (!plain.Success)
        {
            return null;
        }
        var name = plain.Groups["name"].Value.Trim();
        var isCapitals = name.Any(char.IsLetter) && name.Where(char.IsLetter).All(char.IsUpper);
        return isCapitals || known.ContainsKey(name) ? (name, plain.Groups["text"].Value.Trim()) : null;
    }

    /// <summary>"PIXEL" becomes "Pixel"; names already in mixed case are kept as written.</summary>
    private static string CanonicalName(string name)
    {
        var isCapitals = name.Where(char.IsLetter).All(char.IsUpper);
        return isCapitals ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant()) : name;
    }

    private static string Limit(string title, int max, string what, int lineNumber)
    {
        if (title.Length == 0)
        {
            throw new StudioInputException($"Line {lineNumber}: the {what.ToLowerInvariant()} heading has no title.");
        }
        return title.Length <= max ? title : throw new StudioInputException(
            $"Line {lineNumber}: the {what.ToLowerInvariant()} title is {title.Length} characters; the limit is {max}.");
    }

    /// <summary>The import creates this character, so the preview must refuse a name the import would refuse.</summary>
    private static void RequireCharacterName(string name, int lineNumber)
    {
        try
        {
            StoryboardRules.RequireName(name, "character", 80);
        }
        catch (StudioInputException e)
        {
            throw new StudioInputException($"Line {lineNumber}: {e.Message}");
        }
    }

    private static string Shorten(string line) => line.Length <= 60 ? line.Trim() : line[..57].Trim() + "…";

    [GeneratedRegex(@"^(?<level>#{1,6})\s+(?<title>.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*>\s*\*\*(?<name>[^*:]{1,80}):\*\*\s*(?<text>\S.*)$")]
    private static partial Regex QuotedDialogue();

    [GeneratedRegex(@"^(?<name>[\p{L}][\p{L}\p{N} .'\-]{0,79}):\s+(?<text>\S.*)$")]
    private static partial Regex PlainDialogue();

    private sealed class SceneBuilder(string title)
    {
        public string Title { get; } = title;
        public List<ShotBuilder> Shots { get; } = [];
    }

    private sealed class ShotBuilder(string title)
    {
        private readonly StringBuilder _description = new();

        public string Title { get; } = title;
        public List<ImportLine> Dialogue { get; } = [];

        public void AddProse(string line) => _description.Append(line).Append('\n');

        public int DescriptionLength => _description.ToString().Trim().Length;

        public ImportShot Build() => new(Title, _description.ToString().Trim(), Dialogue);
    }
}
