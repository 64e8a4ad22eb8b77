using System.Globalization;
using System.Text;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// A script as the parsers read it: size checked in UTF-8 bytes, without a byte order mark, with '\n' line ends and no
/// trailing white space, so that none of these change what is imported. Offsets map back to 1-based line numbers.
/// </summary>
internal sealed class ScriptText
{
    private readonly int[] _lineStarts;

    private ScriptText(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = [.. starts];
    }

    public string Text { get; }

    public static ScriptText Read(string? script, int maxBytes)
    {
        script ??= "";
        var size = Encoding.UTF8.GetByteCount(script);
        if (size > maxBytes)
        {
            throw new StudioInputException(string.Create(CultureInfo.InvariantCulture,
                $"The script is {size / 1024.0:0.#} KB; imports are limited to {maxBytes / 1024} KB. Split it and import the parts one after another."));
        }
        if (script.Contains('\0', StringComparison.Ordinal))
        {
            throw new StudioInputException("The script contains binary data; import a Markdown or Fountain text file.");
        }
        var text = script.TrimStart('\uFEFF').ReplaceLineEndings("\n");
        text = string.Join('\n', text.Split('\n').Select(line => line.TrimEnd()));
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new StudioInputException("The script is empty. Paste Markdown with '#' scene and '##' shot headings, or a Fountain screenplay.");
        }
        return new ScriptText(text);
    }

    /// <summary>The 1-based line of a character offset.</summary>
    public int LineOf(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, Math.Clamp(offset, 0, Math.Max(0, Text.Length)));
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    public string Slice(int start, int end) => start < 0 || end < start ? "" : Text[start..Math.Min(end + 1, Text.Length)];

    /// <summary>
    /// The last check, after every imported text was checked where it was read: a control character anywhere else
    /// (in skipped HTML, say) still means the file is not the text it looks like.
    /// </summary>
    public void RequireNoControlCharacters()
    {
        for (var i = 0; i < Text.Length; i++)
        {
            if (ImportText.IsRefusedControl(Text[i]))
            {
                throw new StudioInputException(
                    $"Line {LineOf(i)}: the script contains the control character U+{(int)Text[i]:X4}; remove it (scripts are plain text).");
            }
        }
    }
}
