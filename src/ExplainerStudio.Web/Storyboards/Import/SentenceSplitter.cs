namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// Splits prose into sentences at '.', '!', '?' or '…' followed by white space and a sentence start, except after an
/// abbreviation ("e.g.", "Dr.", "approx."), an initial ("J. Smith") or inside a number ("3.5" has no space).
/// </summary>
public static class SentenceSplitter
{
    /// <summary>Abbreviations that do not end a sentence even before a capital (titles and Latin shorthands).</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "e.g", "i.e", "cf", "approx", "fig", "figs",
        "no", "nos", "vol", "p", "pp", "ch", "sec", "eq", "ref", "inc", "ltd", "co", "corp", "dept", "est", "ca",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "a.m", "p.m",
    };

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }
            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?' or '…' or '"' or '\'' or '”' or '’' or ')' or ']')
            {
                end++;
            }
            if (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                continue;
            }
            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }
            if (next < text.Length && (!StartsSentence(text[next]) || (text[i] == '.' && IsAbbreviation(text, start, i))))
            {
                i = end - 1;
                continue;
            }
            Add(sentences, text[start..end]);
            start = next;
            i = next - 1;
        }
        Add(sentences, text[start..]);
        return sentences;
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '“' or '‘' or '(' or '[' or '*' or '_' or '¿' or '¡';

    /// <summary>The word before the period at <paramref name="dot"/>: a known abbreviation or a single capital (an initial).</summary>
    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"' or '“'))
        {
            wordStart--;
        }
        var word = text[wordStart..dot];
        return word.Length == 1 && char.IsUpper(word[0]) || Abbreviations.Contains(word);
    }

    private static void Add(List<string> sentences, string sentence)
    {
        var trimmed = sentence.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }
}
