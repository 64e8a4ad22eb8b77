namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// The editor's rules (<see cref="StoryboardRules"/>) applied to every text an import creates, with the script line in
/// the message so that the writer can find it.
/// </summary>
internal static class ImportText
{
    public static bool IsRefusedControl(char c) => char.IsControl(c) && c is not ('\n' or '\t');

    /// <summary>A scene or shot title read from a heading.</summary>
    public static string Title(string title, string what, int line)
    {
        title = title.Trim();
        if (title.Length == 0)
        {
            throw new StudioInputException($"Line {line}: the {what} heading has no title.");
        }
        if (title.Length > 200)
        {
            throw new StudioInputException($"Line {line}: the {what} title is {title.Length} characters; the limit is 200.");
        }
        return AtLine(line, () => StoryboardRules.RequireName(title, what, 200));
    }

    public static string CharacterName(string name, int line) => AtLine(line, () => StoryboardRules.RequireName(name, "character", 80));

    /// <summary>Dialogue, narration, descriptions and notes: within the editor's length and free of control characters.</summary>
    public static string Body(string text, string what, int maxLength, int line, string? hint = null)
    {
        var bad = text.FirstOrDefault(IsRefusedControl);
        if (bad != default)
        {
            throw new StudioInputException($"Line {line}: the {what} contains the control character U+{(int)bad:X4}; use plain text.");
        }
        if (text.Length > maxLength)
        {
            throw new StudioInputException($"Line {line}: the {what} is {text.Length} characters; the limit is {maxLength}. {hint ?? "Shorten it."}");
        }
        return text;
    }

    public static T AtLine<T>(int line, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (StudioInputException e) when (!e.Message.StartsWith("Line ", StringComparison.Ordinal))
        {
            throw new StudioInputException($"Line {line}: {e.Message}");
        }
    }
}
