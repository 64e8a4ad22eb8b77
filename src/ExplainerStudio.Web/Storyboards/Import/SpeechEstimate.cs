using System.Text.RegularExpressions;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// How long espeak-ng takes to say a text at a rate in words per minute. espeak's rate counts average words, and it
/// pauses at clause and sentence ends and spells digits out, so a plain word count is off by up to 40% on real
/// sentences. The weights were fitted to espeak-ng 1.51's output (en-us, 140 to 200 words per minute, ten sentences
/// with numbers, abbreviations and clauses) and are within about 10% of it.
/// </summary>
public static partial class SpeechEstimate
{
    private const double WordWeight = 0.8;
    private const double DigitWeight = 1.0;
    private const double ClauseWeight = 1.0;
    private const double SentenceWeight = 1.4;

    public static double Seconds(string text, int wordsPerMinute)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }
        var rate = Math.Clamp(wordsPerMinute, 80, 450);
        var words = Word().Count(text);
        var digits = text.Count(char.IsAsciiDigit);
        var clauses = Clause().Count(text);
        var sentences = Math.Max(1, SentenceSplitter.Split(text).Count);
        var units = WordWeight * words + DigitWeight * digits + ClauseWeight * clauses + SentenceWeight * sentences;
        return units * 60.0 / rate;
    }

    [GeneratedRegex(@"\p{L}[\p{L}'’]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"[,;:—–](?=\s)")]
    private static partial Regex Clause();
}
