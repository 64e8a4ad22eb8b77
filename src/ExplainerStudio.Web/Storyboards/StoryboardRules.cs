using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ExplainerStudio.Web.Storyboards;

/// <summary>Validation and defaults shared by the editor, the script import and the demo project.</summary>
public static partial class StoryboardRules
{
    public const int MaxPromptLength = 2000;
    public const int MaxDescriptionLength = 20_000;
    public const int MaxDialogueLength = 1000;

    public static string RequireName(string? value, string what, int maxLength)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new StudioInputException($"The {what} needs a name.");
        }
        if (trimmed.Length > maxLength)
        {
            throw new StudioInputException($"The {what} name is {trimmed.Length} characters long; the limit is {maxLength}.");
        }
        if (trimmed.Any(char.IsControl))
        {
            throw new StudioInputException($"The {what} name contains control characters; use plain text.");
        }
        return trimmed;
    }

    /// <summary>A character's scratch-speech voice: an espeak-ng voice name, pitch 0 to 99, rate 80 to 450 words per minute.</summary>
    public static void RequireVoice(string? voice, int pitch, int rate)
    {
        if (pitch is < 0 or > 99 || rate is < 80 or > 450)
        {
            throw new StudioInputException("Voice pitch runs from 0 to 99 and rate from 80 to 450 words per minute.");
        }
        if (string.IsNullOrWhiteSpace(voice) || voice.Length > 40 || !voice.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '+' or '_'))
        {
            throw new StudioInputException("The voice is an espeak-ng voice name such as 'en-us' or 'en-gb+f3'.");
        }
    }

    public static Shot NewShot(string title, DateTimeOffset now) => new()
    {
        Title = title,
        Seed = RandomNumberGenerator.GetInt32(int.MaxValue),
        UpdatedAt = now,
    };

    public static string CopyTitle(string title)
    {
        var match = CopySuffix().Match(title);
        if (!match.Success)
        {
            return title + " (copy)";
        }
        var number = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) + 1 : 2;
        return string.Concat(title.AsSpan(0, match.Index), $" (copy {number})");
    }

    public static void Validate(ShotEdit edit)
    {
        RequireName(edit.Title, "shot", 200);
        Require(edit.Description.Length <= MaxDescriptionLength, $"The description is longer than {MaxDescriptionLength} characters.");
        Require(edit.Prompt.Length <= MaxPromptLength, $"The prompt is longer than {MaxPromptLength} characters.");
        Require(edit.NegativePrompt.Length <= MaxPromptLength, $"The negative prompt is longer than {MaxPromptLength} characters.");
        Require(Enum.IsDefined(edit.CameraMove), "Unknown camera move.");
        Require(edit.DurationSeconds is >= Shot.MinDurationSeconds and <= Shot.MaxDurationSeconds,
            $"A shot lasts between {Shot.MinDurationSeconds} and {Shot.MaxDurationSeconds} seconds.");
        Require(edit.Seed >= 0, "The seed must be zero or positive.");
        Require(edit.Steps is >= 1 and <= 150, "Steps must be between 1 and 150.");
        Require(edit.Guidance is >= 0 and <= 30, "Guidance must be between 0 and 30.");
        Require(edit.ReferenceStrength is >= 0 and <= 1, "Reference strength must be between 0 and 1.");
        Require(edit.Characters.Select(c => c.CharacterId).Distinct().Count() == edit.Characters.Count, "A character can appear only once in a shot.");
        foreach (var placement in edit.Characters)
        {
            Require(placement.X is >= 0 and <= 1 && placement.Y is >= 0 and <= 1, "Character positions run from 0 to 1 across and down the frame.");
            Require(placement.Scale is > 0 and <= 2, "A character's scale must be above 0 and at most 2 (twice the frame height).");
        }
        foreach (var line in edit.Dialogue)
        {
            Require(!string.IsNullOrWhiteSpace(line.Text), "A dialogue line is empty; write its text or remove it.");
            Require(line.Text.Length <= MaxDialogueLength, $"A dialogue line is longer than {MaxDialogueLength} characters; split it.");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new StudioInputException(message);
        }
    }

    [GeneratedRegex(@" \(copy(?: (?<n>\d+))?\)$")]
    private static partial Regex CopySuffix();
}
