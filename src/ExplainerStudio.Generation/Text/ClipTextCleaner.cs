using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ExplainerStudio.Generation.Text;

/// <summary>
/// The text cleaning CLIP's reference tokenizer does before BPE, because prompts come from people typing and pasting:
/// ftfy's default fixes (HTML entities when the text has no '&lt;', terminal escapes, mojibake of UTF-8 read as
/// Windows-1252/Latin-1, C1 controls, Latin ligatures, full-width forms, curly quotes, control characters, NFC), then
/// HTML unescaping twice, whitespace runs collapsed to one space, and Python's <c>str.lower()</c> (which maps
/// <c>İ</c> to <c>i</c> + U+0307 and a word-final <c>Σ</c> to <c>ς</c>, unlike .NET's invariant lower-casing).
/// </summary>
public static partial class ClipTextCleaner
{
    // Windows-1252 0x80-0x9F; the five bytes it leaves undefined decode as the C1 controls, as Latin-1 would.
    private const string Cp1252High =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    private static readonly Dictionary<char, string> Ligatures = new()
    {
        ['\u0132'] = "IJ", ['\u0133'] = "ij", ['\u0149'] = "\u02BCn", ['\u01C7'] = "LJ", ['\u01C8'] = "Lj", ['\u01C9'] = "lj",
        ['\u01CA'] = "NJ", ['\u01CB'] = "Nj", ['\u01CC'] = "nj", ['\u01F1'] = "DZ", ['\u01F2'] = "Dz", ['\u01F3'] = "dz",
        ['\u01C4'] = "D\u017D", ['\u01C5'] = "D\u017E", ['\u01C6'] = "d\u017E",
        ['\uFB00'] = "ff", ['\uFB01'] = "fi", ['\uFB02'] = "fl", ['\uFB03'] = "ffi", ['\uFB04'] = "ffl", ['\uFB05'] = "\u017Ft", ['\uFB06'] = "st",
    };

    /// <summary>The full cleaning: ftfy fixes, HTML unescaping, whitespace collapse and Python lower-casing.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string fixedText = FixText(text);
        string unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(fixedText));
        return PythonLower(WhitespaceRun().Replace(unescaped, " ").Trim());
    }

    /// <summary>ftfy's <c>fix_text</c> with its default settings, in its order.</summary>
    public static string FixText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            text = WebUtility.HtmlDecode(text);
        }

        text = TerminalEscape().Replace(text, string.Empty);
        text = FixMojibake(text);
        text = FixC1Controls(text);
        text = Replace(text, c => Ligatures.GetValueOrDefault(c));
        text = Replace(text, WidthReplacement);
        text = Replace(text, c => c is '\u02BC' or (>= '\u2018' and <= '\u201B') ? "'" : c is >= '\u201C' and <= '\u201F' ? "\"" : null);
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n').Replace('\u0085', '\n');
        text = ReplaceLoneSurrogates(text);
        text = RemoveControlCharacters(text);
        return text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Python's <c>str.lower()</c>: the full Unicode lower-case mapping, which differs from the simple one only for
    /// <c>İ</c>, plus the Final_Sigma rule.
    /// </summary>
    public static string PythonLower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\u0130')
            {
                builder.Append("i\u0307");
            }
            else if (c == '\u03A3')
            {
                builder.Append(IsFinalSigma(text, i) ? '\u03C2' : '\u03C3');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text.Substring(i, 2).ToLowerInvariant());
                i++;
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Runs of non-ASCII characters that Windows-1252 can encode and whose bytes form valid UTF-8 are UTF-8 that was
    /// decoded as Windows-1252 or Latin-1 ("cafÃ©" → "café", "â€œ" → "“"). A run that is not valid UTF-8 is left as
    /// written, so ordinary accented text ("café") is never touched.
    /// </summary>
    private static string FixMojibake(string text)
    {
        return MojibakeCandidate().Replace(text, match =>
        {
            byte[] bytes = new byte[match.Length];
            for (int i = 0; i < match.Length; i++)
            {
                if (!TryEncodeCp1252(match.Value[i], out bytes[i]))
                {
                    return match.Value;
                }
            }

            try
            {
                string decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
                return decoded.Length < match.Length ? decoded : match.Value;
            }
            catch (DecoderFallbackException)
            {
                return match.Value;
            }
        });
    }

    private static bool TryEncodeCp1252(char c, out byte value)
    {
        // U+0080-U+009F stand for their own byte too: that is how Latin-1 decodes them.
        if (c <= 0xFF)
        {
            value = (byte)c;
            return true;
        }

        int index = Cp1252High.IndexOf(c, StringComparison.Ordinal);
        value = (byte)(0x80 + Math.Max(index, 0));
        return index >= 0;
    }

    private static string FixC1Controls(string text) =>
        Replace(text, c => c is >= '\u0080' and <= '\u009F' && Cp1252High[c - 0x80] is var mapped && mapped != c ? mapped.ToString() : null);

    private static string? WidthReplacement(char c)
    {
        if (c == '\u3000')
        {
            return " ";
        }

        if (c is >= '\uFF01' and < '\uFFF0')
        {
            string alternate = c.ToString().Normalize(NormalizationForm.FormKC);
            return alternate == c.ToString() ? null : alternate;
        }

        return null;
    }

    private static string RemoveControlCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            int codePoint = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? char.ConvertToUtf32(text[i], text[i + 1])
                : text[i];
            int width = codePoint > 0xFFFF ? 2 : 1;
            bool control = codePoint is (>= 0x00 and <= 0x08) or 0x0B or (>= 0x0E and <= 0x1F) or 0x7F
                or (>= 0x206A and <= 0x206F) or 0xFEFF or (>= 0xFFF9 and <= 0xFFFC)
                or (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE007F);
            if (!control)
            {
                builder.Append(text, i, width);
            }

            i += width - 1;
        }

        return builder.ToString();
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }

    private static string Replace(string text, Func<char, string?> replacement)
    {
        StringBuilder? builder = null;
        for (int i = 0; i < text.Length; i++)
        {
            string? replaced = replacement(text[i]);
            if (replaced is not null)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append(replaced);
            }
            else
            {
                builder?.Append(text[i]);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>Python's Final_Sigma: preceded by a cased letter and not followed by one (case-ignorables skipped).</summary>
    private static bool IsFinalSigma(string text, int index)
    {
        int before = index - 1;
        while (before >= 0 && IsCaseIgnorable(text[before]))
        {
            before--;
        }

        if (before < 0 || !IsCased(text[before]))
        {
            return false;
        }

        int after = index + 1;
        while (after < text.Length && IsCaseIgnorable(text[after]))
        {
            after++;
        }

        return after >= text.Length || !IsCased(text[after]);
    }

    private static bool IsCased(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(char c) =>
        c is '\'' or '.' or ':' or '^' or '`' or '\u00B7' or '\u2018' or '\u2019' or '\u2024' or '\u2027' ||
        char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex TerminalEscape();

    // A run of at least two characters from Latin-1 Supplement / Windows-1252's high half, the only shape mojibake of
    // UTF-8 can take (every non-ASCII UTF-8 sequence is two to four bytes of 0x80-0xFF).
    [GeneratedRegex(@"[\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]{2,}")]
    private static partial Regex MojibakeCandidate();
}
