using System.Text;
using System.Text.RegularExpressions;
using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Reads Fountain, the plain-text screenplay format. Scene headings (INT., EXT., EST., INT./EXT., I/E, or forced with
/// a leading '.') start scenes; each action paragraph starts a shot, and the dialogue after it (a character cue in
/// capitals or forced with '@', with extensions such as (V.O.)) becomes that shot's lines, parentheticals their
/// delivery notes. Transitions (… TO:, FADE OUT., forced with '>') become the cut into the next shot where the
/// timeline has one. The title page's Title names the project. Boneyard (/* */), notes ([[ ]]), sections ('#'),
/// synopses ('=') and page breaks ('===') are not imported.
/// </summary>
internal static partial class FountainParser
{
    /// <summary>Transitions that do not end in "TO:" but every screenwriter writes that way.</summary>
    private static readonly HashSet<string> KnownTransitions = ["FADE OUT.", "FADE OUT", "FADE TO BLACK.", "CUT TO BLACK.", "FADE IN:"];

    public static ScriptImportPlan Parse(ScriptText script, PlanBuilder plan)
    {
        var lines = WithoutBoneyardAndNotes(script.Text).Split('\n');
        var index = TitlePage(lines, plan);
        ShotDraft? shot = null;
        var opening = plan.ProjectSettings?.Title ?? "Opening";

        while (index < lines.Length)
        {
            var line = lines[index];
            var number = index + 1;
            var trimmed = line.Trim();
            var blankBefore = index == 0 || lines[index - 1].Trim().Length == 0;
            var blankAfter = index + 1 >= lines.Length || lines[index + 1].Trim().Length == 0;

            if (trimmed.Length == 0 || PageBreak().IsMatch(trimmed) || trimmed.StartsWith('#') || trimmed.StartsWith('=') && !trimmed.StartsWith("==", StringComparison.Ordinal))
            {
                index++;
                continue;
            }

            if (SceneHeading(trimmed, blankBefore) is { } heading)
            {
                plan.StartScene(ImportText.Title(Plain(heading), "scene", number), number);
                shot = null;
                index++;
                continue;
            }

            if (blankBefore && blankAfter && Transition(trimmed) is { } transition)
            {
                Transition(transition, trimmed, number, plan);
                index++;
                continue;
            }

            if (blankBefore && !blankAfter && Cue(trimmed) is { } cue)
            {
                index = Dialogue(lines, index + 1, cue, number, plan, ref shot, opening);
                continue;
            }

            // Action: the paragraph up to the next blank line (or a line that starts something else).
            var action = new StringBuilder();
            var first = number;
            while (index < lines.Length && lines[index].Trim().Length > 0)
            {
                var text = lines[index].Trim();
                if (text.StartsWith('!'))
                {
                    text = text[1..];
                }
                else if (Centered().Match(text) is { Success: true } centered)
                {
                    text = centered.Groups["text"].Value.Trim();
                }
                action.Append(action.Length == 0 ? "" : "\n").Append(Plain(text));
                index++;
            }
            var description = action.ToString().Trim();
            if (description.Length == 0)
            {
                continue;
            }
            if (plan.CurrentScene is null)
            {
                plan.StartScene(opening, first);
            }
            shot = plan.AddShot(ImportText.Title(ProseBreakdown.TitleOf(description, "Action"), "shot", first), first);
            shot.AddDescription(ImportText.Body(description, "action", StoryboardRules.MaxDescriptionLength, first), first, index);
        }

        script.RequireNoControlCharacters();
        return plan.Build("The screenplay has no scene headings, action or dialogue. Start scenes with 'INT. PLACE - DAY' or 'EXT. PLACE - NIGHT'.");
    }

    /// <summary>Dialogue lines after a cue, up to the next blank line; a parenthetical is the delivery of the text after it.</summary>
    private static int Dialogue(string[] lines, int index, (string Name, string Extension) cue, int number, PlanBuilder plan, ref ShotDraft? shot, string opening)
    {
        if (plan.CurrentScene is null)
        {
            plan.StartScene(opening, number);
        }
        if (shot is null || plan.CurrentScene!.Shots.Count == 0 || plan.CurrentScene.Shots[^1] != shot)
        {
            shot = plan.AddShot(ImportText.Title(plan.CurrentScene!.Title, "shot", number), number);
        }
        var current = shot;
        var speaker = plan.Speaker(cue.Name, number);
        var delivery = cue.Extension;
        var text = new StringBuilder();
        var textLine = number;

        void Flush()
        {
            var spoken = Plain(text.ToString()).Trim();
            if (spoken.Length > 0)
            {
                current.Dialogue.Add(new ImportLine(speaker, ImportText.Body(spoken, "dialogue line", StoryboardRules.MaxDialogueLength, textLine, "Split it into shorter speeches."),
                    ImportText.Body(delivery, "parenthetical", 200, textLine)));
            }
            text.Clear();
        }

        while (index < lines.Length && lines[index].Trim().Length > 0)
        {
            var line = lines[index].Trim();
            if (line.StartsWith('(') && line.EndsWith(')'))
            {
                Flush();
                var parenthetical = line[1..^1].Trim();
                delivery = cue.Extension.Length == 0 ? parenthetical : $"{cue.Extension}; {parenthetical}";
            }
            else
            {
                if (text.Length == 0)
                {
                    textLine = index + 1;
                }
                text.Append(text.Length == 0 ? "" : " ").Append(line.TrimStart('~').Trim());
            }
            index++;
        }
        Flush();
        return index;
    }

    private static void Transition(string transition, string written, int number, PlanBuilder plan)
    {
        var upper = transition.ToUpperInvariant();
        if (upper.StartsWith("FADE IN", StringComparison.Ordinal))
        {
            return;
        }
        TransitionKind kind;
        if (upper.Contains("DISSOLVE", StringComparison.Ordinal) || upper.Contains("CROSSFADE", StringComparison.Ordinal))
        {
            kind = TransitionKind.Crossfade;
        }
        else if (upper.Contains("FADE", StringComparison.Ordinal))
        {
            kind = TransitionKind.FadeThroughBlack;
        }
        else
        {
            kind = TransitionKind.Cut;
            if (!upper.Contains("CUT", StringComparison.Ordinal))
            {
                plan.Warnings.Add($"Line {number}: the timeline has no '{written}'; it is a cut.");
            }
        }
        if (plan.LastShot is { } previous)
        {
            previous.TransitionAfter = kind;
        }
        else
        {
            plan.Warnings.Add($"Line {number}: '{written}' comes before any shot; it was skipped.");
        }
    }

    /// <summary>The heading text, or null. A forced heading ('.') needs no blank line before it; a plain one does.</summary>
    private static string? SceneHeading(string line, bool blankBefore)
    {
        if (line.Length > 1 && line[0] == '.' && line[1] != '.')
        {
            return SceneNumber().Replace(line[1..], "").Trim();
        }
        return blankBefore && Heading().IsMatch(line) ? SceneNumber().Replace(line, "").Trim() : null;
    }

    private static string? Transition(string line)
    {
        if (line.StartsWith('>') && !line.EndsWith('<'))
        {
            return line[1..].Trim();
        }
        var isCapitals = line.Any(char.IsLetter) && !line.Any(char.IsLower);
        return isCapitals && (line.EndsWith("TO:", StringComparison.Ordinal) || KnownTransitions.Contains(line)) ? line : null;
    }

    /// <summary>A character cue: a name in capitals (or forced with '@'), an optional extension in parentheses, '^' for dual dialogue.</summary>
    private static (string Name, string Extension)? Cue(string line)
    {
        var forced = line.StartsWith('@');
        var cue = (forced ? line[1..] : line).TrimEnd('^').Trim();
        var paren = cue.IndexOf('(', StringComparison.Ordinal);
        var name = (paren >= 0 ? cue[..paren] : cue).Trim();
        var extension = paren >= 0 && cue.EndsWith(')') ? cue[(paren + 1)..^1].Trim() : "";
        if (name.Length == 0 || name.Length > 80 || line.StartsWith('!'))
        {
            return null;
        }
        if (!forced && (!name.Any(char.IsLetter) || name.Any(char.IsLower) || name.Any(c => !(char.IsLetterOrDigit(c) || c is ' ' or '.' or '\'' or '-' or '’'))))
        {
            return null;
        }
        return (name, extension);
    }

    /// <summary>The title page: 'Key: value' lines at the very top, values on the same line or indented below, up to a blank line.</summary>
    private static int TitlePage(string[] lines, PlanBuilder plan)
    {
        var index = 0;
        while (index < lines.Length && lines[index].Trim().Length == 0)
        {
            index++;
        }
        if (index >= lines.Length || TitleKey().Match(lines[index]) is not { Success: true })
        {
            return 0;
        }
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        string? key = null;
        while (index < lines.Length && lines[index].Trim().Length > 0)
        {
            var line = lines[index];
            var match = TitleKey().Match(line);
            if (match.Success && !char.IsWhiteSpace(line[0]))
            {
                key = match.Groups["key"].Value.Trim();
                values[key] = (match.Groups["value"].Value.Trim(), index + 1);
            }
            else if (key is not null)
            {
                var (value, first) = values[key];
                values[key] = ((value.Length == 0 ? "" : value + " ") + line.Trim(), first);
            }
            index++;
        }

        string? title = null;
        string? description = null;
        if (values.TryGetValue("Title", out var t) && Plain(t.Value).Trim() is { Length: > 0 } named)
        {
            title = ImportText.AtLine(t.Line, () => StoryboardRules.RequireName(named, "project", 120));
        }
        var credit = new[] { "Author", "Authors", "Written by" }.Select(k => values.GetValueOrDefault(k).Value).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (credit is not null)
        {
            description = ImportText.Body($"A screenplay by {Plain(credit).Trim()}.", "project description", ImportProjectRules.MaxDescriptionLength, 1);
        }
        if (title is not null || description is not null)
        {
            plan.ProjectSettings = new ImportProjectSettings(title, description, null, null, null);
        }
        return index;
    }

    /// <summary>Boneyard and notes removed with their line breaks kept, so that line numbers stay those of the file.</summary>
    private static string WithoutBoneyardAndNotes(string text)
    {
        string Keep(Match m) => new('\n', m.Value.Count(c => c == '\n'));
        return Note().Replace(Boneyard().Replace(text, Keep), Keep);
    }

    /// <summary>Fountain emphasis (*italic*, **bold**, _underline_) is markup, not text; '\' escapes it.</summary>
    private static string Plain(string text) => Unescape().Replace(Emphasis().Replace(text, ""), "$1");

    [GeneratedRegex(@"^(INT|EXT|EST|INT\./EXT|INT/EXT|I/E)[\.\s]", RegexOptions.IgnoreCase)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\s*#[\w.\-]+#\s*$")]
    private static partial Regex SceneNumber();

    [GeneratedRegex(@"^>\s*(?<text>.*?)\s*<$")]
    private static partial Regex Centered();

    [GeneratedRegex(@"^={3,}$")]
    private static partial Regex PageBreak();

    [GeneratedRegex(@"^(?<key>Title|Credit|Authors?|Written by|Source|Draft date|Date|Contact|Copyright|Notes|Revision):(?<value>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex TitleKey();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Boneyard();

    [GeneratedRegex(@"\[\[.*?\]\]", RegexOptions.Singleline)]
    private static partial Regex Note();

    [GeneratedRegex(@"(?<!\\)(\*{1,3}|_)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\\([*_\\])")]
    private static partial Regex Unescape();
}
