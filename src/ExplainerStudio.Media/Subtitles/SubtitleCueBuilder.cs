namespace ExplainerStudio.Media.Subtitles;

/// <summary>
/// Turns timed speech into readable subtitle cues: text wrapped at word boundaries into lines of at most
/// <see cref="SubtitleOptions.MaxCharactersPerLine"/> characters, grouped into cues of at most
/// <see cref="SubtitleOptions.MaxLinesPerCue"/> lines, each given a share of its speech's time in proportion to
/// its length.
/// </summary>
/// <remarks>
/// A cue that would be on screen for less than <see cref="SubtitleOptions.MinimumDuration"/> is lengthened;
/// cues never overlap, so a lengthened cue pushes later ones back. Reading speed matters more than exact sync
/// for a cue too short to read.
/// </remarks>
public static class SubtitleCueBuilder
{
    /// <summary>Builds cues for speech in time order.</summary>
    /// <exception cref="ArgumentException">A stretch ends before it starts.</exception>
    public static IReadOnlyList<SubtitleCue> Build(IEnumerable<SpokenText> speech, SubtitleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(speech);
        options ??= SubtitleOptions.Default;
        options.Validate();

        var cues = new List<SubtitleCue>();
        TimeSpan earliest = TimeSpan.Zero;
        foreach (SpokenText spoken in speech.OrderBy(item => item.Start))
        {
            if (spoken.End < spoken.Start)
            {
                throw new ArgumentException($"The speech '{spoken.Text}' ends before it starts.", nameof(speech));
            }

            IReadOnlyList<string> lines = WrapLines(spoken.Text, options.MaxCharactersPerLine);
            if (lines.Count == 0)
            {
                continue;
            }

            List<string> blocks = [.. lines.Chunk(options.MaxLinesPerCue).Select(chunk => string.Join('\n', chunk))];
            double totalWeight = blocks.Sum(Weight);
            TimeSpan span = spoken.End - spoken.Start;
            TimeSpan cursor = spoken.Start;
            foreach (string block in blocks)
            {
                TimeSpan share = TimeSpan.FromTicks((long)(span.Ticks * (Weight(block) / totalWeight)));
                TimeSpan start = cursor > earliest ? cursor : earliest;
                TimeSpan naturalEnd = cursor + share;
                TimeSpan shortestEnd = start + options.MinimumDuration;
                TimeSpan end = naturalEnd > shortestEnd ? naturalEnd : shortestEnd;
                cues.Add(new SubtitleCue(start, end, block));
                cursor += share;
                earliest = end;
            }
        }

        return cues;
    }

    /// <summary>
    /// Wraps text at spaces into lines of at most <paramref name="maxCharacters"/> characters; a word longer than
    /// a line is cut. Whitespace runs, including line breaks, count as one space.
    /// </summary>
    public static IReadOnlyList<string> WrapLines(string text, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 1);
        var lines = new List<string>();
        string current = string.Empty;
        foreach (string word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            string rest = word;
            while (rest.Length > 0)
            {
                if (current.Length == 0 && rest.Length > maxCharacters)
                {
                    lines.Add(rest[..maxCharacters]);
                    rest = rest[maxCharacters..];
                }
                else if (current.Length == 0)
                {
                    current = rest;
                    rest = string.Empty;
                }
                else if (current.Length + 1 + rest.Length <= maxCharacters)
                {
                    current = current + " " + rest;
                    rest = string.Empty;
                }
                else
                {
                    lines.Add(current);
                    current = string.Empty;
                }
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    private static double Weight(string block) => Math.Max(1, block.Length);
}
