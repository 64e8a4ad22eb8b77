using System.Globalization;
using System.Text.Json;
using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Collaboration.Activity;

/// <summary>
/// The shot fields the activity log records and a shot's history can put back: the names used in the log, their
/// invariant text form, and how a stored value goes back into a <see cref="ShotEdit"/>.
/// </summary>
public static class ShotFields
{
    public const string Dialogue = nameof(Shot.Dialogue);

    /// <summary>Fields of the shot row that the editor changes and that restore can set back, in the editor's order.</summary>
    public static readonly IReadOnlyList<string> Restorable =
    [
        nameof(Shot.Title), nameof(Shot.Description), nameof(Shot.Prompt), nameof(Shot.NegativePrompt), nameof(Shot.CameraMove),
        nameof(Shot.DurationSeconds), nameof(Shot.Seed), nameof(Shot.Steps), nameof(Shot.Guidance), nameof(Shot.ReferenceStrength),
        Dialogue,
    ];

    /// <summary>Shot columns that are recorded but not restored (set elsewhere than the editor).</summary>
    public static readonly IReadOnlyList<string> RecordedOnly = [nameof(Shot.ModelPack), nameof(Shot.Scheduler)];

    public static string Label(string field) => field switch
    {
        nameof(Shot.NegativePrompt) => "negative prompt",
        nameof(Shot.CameraMove) => "camera",
        nameof(Shot.DurationSeconds) => "duration",
        nameof(Shot.ReferenceStrength) => "reference strength",
        nameof(Shot.ModelPack) => "model pack",
        _ => field.ToLowerInvariant(),
    };

    public static string? Format(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static string FormatDialogue(IEnumerable<DialogueEdit> lines) =>
        JsonSerializer.Serialize(lines.Select(l => new DialogueValue(l.CharacterId, l.Text)).ToList());

    public static IReadOnlyList<DialogueEdit> ParseDialogue(string? json) =>
        string.IsNullOrEmpty(json) ? [] : [.. (JsonSerializer.Deserialize<List<DialogueValue>>(json) ?? []).Select(l => new DialogueEdit(l.CharacterId, l.Text))];

    /// <summary>The edit with one field set to a value from the log.</summary>
    public static ShotEdit Apply(ShotEdit edit, string field, string? value)
    {
        var text = value ?? "";
        return field switch
        {
            nameof(Shot.Title) => edit with { Title = text },
            nameof(Shot.Description) => edit with { Description = text },
            nameof(Shot.Prompt) => edit with { Prompt = text },
            nameof(Shot.NegativePrompt) => edit with { NegativePrompt = text },
            nameof(Shot.CameraMove) => edit with { CameraMove = Enum.Parse<CameraMove>(text) },
            nameof(Shot.DurationSeconds) => edit with { DurationSeconds = double.Parse(text, CultureInfo.InvariantCulture) },
            nameof(Shot.Seed) => edit with { Seed = long.Parse(text, CultureInfo.InvariantCulture) },
            nameof(Shot.Steps) => edit with { Steps = int.Parse(text, CultureInfo.InvariantCulture) },
            nameof(Shot.Guidance) => edit with { Guidance = double.Parse(text, CultureInfo.InvariantCulture) },
            nameof(Shot.ReferenceStrength) => edit with { ReferenceStrength = double.Parse(text, CultureInfo.InvariantCulture) },
            Dialogue => edit with { Dialogue = ParseDialogue(value) },
            _ => edit,
        };
    }

    private sealed record DialogueValue(int CharacterId, string Text);
}
