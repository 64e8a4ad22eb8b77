using System.Globalization;
using System.Text.RegularExpressions;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Reads a script's YAML front matter: <c>title</c>, <c>description</c>, <c>resolution</c> (<c>1920x1080</c> or
/// <c>720p</c>), <c>frame_rate</c>, and <c>characters</c> (a list of <c>name</c>, <c>voice</c>, <c>pitch</c>,
/// <c>rate</c>, <c>description</c>, or a mapping from names to those settings).
/// </summary>
internal static partial class FrontMatterReader
{
    private const string KnownKeys = "title, description, resolution, frame_rate, characters";

    public static void Read(IReadOnlyList<string> lines, int firstLine, PlanBuilder plan)
    {
        var root = FrontMatterYaml.Parse(lines, firstLine);
        if (root.Mapping is null)
        {
            throw new StudioInputException($"Line {root.Line}: the front matter is a list; it should be 'key: value' lines ({KnownKeys}).");
        }
        string? title = null, description = null;
        int? width = null, height = null, frameRate = null;
        foreach (var (key, value) in root.Mapping)
        {
            switch (Normalise(key))
            {
                case "title":
                    title = ImportText.AtLine(value.Line, () => StoryboardRules.RequireName(Text(value, key), "project", 120));
                    break;
                case "description" or "summary":
                    description = ImportText.Body(Text(value, key).Trim(), "project description", ImportProjectRules.MaxDescriptionLength, value.Line);
                    break;
                case "resolution" or "size":
                    (width, height) = Resolution(Text(value, key), value.Line);
                    Check(new ImportProjectSettings(null, null, width, height, null), value.Line);
                    break;
                case "width":
                    width = Whole(value, key);
                    Check(new ImportProjectSettings(null, null, width, null, null), value.Line);
                    break;
                case "height":
                    height = Whole(value, key);
                    Check(new ImportProjectSettings(null, null, null, height, null), value.Line);
                    break;
                case "framerate" or "fps":
                    frameRate = Whole(value, key);
                    Check(new ImportProjectSettings(null, null, null, null, frameRate), value.Line);
                    break;
                case "characters" or "cast":
                    Characters(value, plan);
                    break;
                default:
                    plan.Warnings.Add($"Line {value.Line}: the front matter key '{key}' is not used (the studio reads {KnownKeys}).");
                    break;
            }
        }
        if (title is null && description is null && width is null && height is null && frameRate is null)
        {
            return;
        }
        plan.ProjectSettings = new ImportProjectSettings(title, description, width, height, frameRate);
    }

    private static void Check(ImportProjectSettings settings, int line) => ImportText.AtLine(line, () =>
    {
        ImportProjectRules.Validate(settings);
        return true;
    });

    private static void Characters(FrontMatterNode node, PlanBuilder plan)
    {
        if (node.Sequence is { } items)
        {
            foreach (var item in items)
            {
                if (item.Scalar is { } name)
                {
                    plan.Declare(new ImportCharacter(ImportText.CharacterName(name, item.Line), true), item.Line);
                }
                else
                {
                    var settings = item.Mapping ?? throw new StudioInputException($"Line {item.Line}: a character is 'name: ...' with its voice settings below it.");
                    var nameNode = settings.FirstOrDefault(e => Normalise(e.Key) == "name").Value
                        ?? throw new StudioInputException($"Line {item.Line}: this character has no 'name'.");
                    Character(Text(nameNode, "name"), settings.Where(e => Normalise(e.Key) != "name").ToList(), item.Line, plan);
                }
            }
        }
        else if (node.Mapping is { } byName)
        {
            foreach (var (name, settings) in byName)
            {
                Character(name, settings.Mapping ?? [], settings.Line, plan);
            }
        }
        else if (!string.IsNullOrWhiteSpace(node.Scalar))
        {
            throw new StudioInputException($"Line {node.Line}: 'characters' is a list, one '- name: ...' per line.");
        }
    }

    private static void Character(string name, IReadOnlyList<(string Key, FrontMatterNode Value)> settings, int line, PlanBuilder plan)
    {
        var character = new ImportCharacter(ImportText.CharacterName(name, line), true);
        foreach (var (key, value) in settings)
        {
            character = Normalise(key) switch
            {
                "voice" => character with { Voice = Text(value, key).Trim() },
                "pitch" => character with { Pitch = Whole(value, key) },
                "rate" or "speed" or "wpm" => character with { Rate = Whole(value, key) },
                "description" => character with { Description = ImportText.Body(Text(value, key).Trim(), "character description", 2000, value.Line) },
                _ => throw new StudioInputException($"Line {value.Line}: a character's settings are voice, pitch, rate and description; '{key}' is not one of them."),
            };
        }
        ImportText.AtLine(line, () =>
        {
            StoryboardRules.RequireVoice(character.Voice, character.Pitch, character.Rate);
            return true;
        });
        plan.Declare(character, line);
    }

    private static (int Width, int Height) Resolution(string text, int line)
    {
        var value = text.Trim();
        var match = Size().Match(value);
        if (match.Success)
        {
            return (int.Parse(match.Groups["w"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture));
        }
        return value.ToLowerInvariant() switch
        {
            "2160p" or "4k" => (3840, 2160),
            "1440p" => (2560, 1440),
            "1080p" => (1920, 1080),
            "720p" => (1280, 720),
            "480p" => (848, 480),
            _ => throw new StudioInputException($"Line {line}: the resolution '{value}' is not width x height (for example 1280x720) or 720p/1080p."),
        };
    }

    private static int Whole(FrontMatterNode value, string key)
    {
        var text = Text(value, key).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new StudioInputException($"Line {value.Line}: '{key}' is a whole number; '{text}' is not.");
    }

    private static string Text(FrontMatterNode value, string key) =>
        value.Scalar ?? throw new StudioInputException($"Line {value.Line}: '{key}' is a single value, not a list or mapping.");

    private static string Normalise(string key) => key.Trim().ToLowerInvariant().Replace("_", "", StringComparison.Ordinal)
        .Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<w>\d{1,5})\s*[x×X]\s*(?<h>\d{1,5})$")]
    private static partial Regex Size();
}
