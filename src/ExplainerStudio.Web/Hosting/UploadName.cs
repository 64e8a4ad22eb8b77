using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// The one check every uploaded file's name passes (images, audio, music, voice-overs). Names are only shown, never
/// used as paths; a name with folder parts is refused rather than trimmed, and so is one with control characters or
/// bidirectional overrides, which can make "gpj.exe" read as "exe.jpg" wherever it is shown.
/// </summary>
public static class UploadName
{
    public const int MaxLength = 200;

    public static string Check(string? fileName)
    {
        var name = (fileName ?? "").Trim();
        if (name.Length == 0)
        {
            throw new StudioInputException("The upload has no file name.");
        }
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name is "." or ".." || name.Contains(':', StringComparison.Ordinal))
        {
            throw new StudioInputException($"The file name '{name}' contains folder parts. Upload the file itself, named like 'ada-front.png'.");
        }
        if (name.Length > MaxLength || name.Any(c => char.IsControl(c) || IsBidiControl(c)))
        {
            throw new StudioInputException(
                $"The file name is longer than {MaxLength} characters or contains control or text-direction characters; rename the file and upload again.");
        }
        return name;
    }

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
