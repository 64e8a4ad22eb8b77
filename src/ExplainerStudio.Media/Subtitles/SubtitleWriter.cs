using System.Globalization;
using System.Text;

namespace ExplainerStudio.Media.Subtitles;

/// <summary>Writes cues as SubRip (<c>.srt</c>) and WebVTT (<c>.vtt</c>) text.</summary>
public static class SubtitleWriter
{
    /// <summary>The cues as SubRip: numbered from 1, times as <c>00:00:01,500</c>, CRLF-free UTF-8 text.</summary>
    public static string ToSrt(IEnumerable<SubtitleCue> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var text = new StringBuilder();
        int number = 1;
        foreach (SubtitleCue cue in cues)
        {
            text.Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(Time(cue.Start, ',')).Append(" --> ").Append(Time(cue.End, ',')).Append('\n')
                .Append(cue.Text).Append("\n\n");
            number++;
        }

        return text.ToString();
    }

    /// <summary>The cues as WebVTT, with characters that would end or confuse a cue escaped.</summary>
    public static string ToWebVtt(IEnumerable<SubtitleCue> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var text = new StringBuilder("WEBVTT\n\n");
        foreach (SubtitleCue cue in cues)
        {
            string escaped = cue.Text.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal)
                .Replace("-->", "--&gt;", StringComparison.Ordinal);
            text.Append(Time(cue.Start, '.')).Append(" --> ").Append(Time(cue.End, '.')).Append('\n')
                .Append(escaped).Append("\n\n");
        }

        return text.ToString();
    }

    /// <summary>Writes SubRip text to a file under a temporary name, then moves it into place.</summary>
    public static Task WriteSrtAsync(string path, IEnumerable<SubtitleCue> cues, CancellationToken cancellationToken = default) =>
        WriteAtomicallyAsync(path, ToSrt(cues), cancellationToken);

    /// <summary>Writes WebVTT text to a file under a temporary name, then moves it into place.</summary>
    public static Task WriteWebVttAsync(string path, IEnumerable<SubtitleCue> cues, CancellationToken cancellationToken = default) =>
        WriteAtomicallyAsync(path, ToWebVtt(cues), cancellationToken);

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        string target = Path.GetFullPath(path);
        string partial = target + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            await File.WriteAllTextAsync(partial, content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static string Time(TimeSpan value, char separator)
    {
        long milliseconds = (long)Math.Round(value.TotalMilliseconds, MidpointRounding.AwayFromZero);
        long hours = milliseconds / 3_600_000;
        long minutes = milliseconds / 60_000 % 60;
        long seconds = milliseconds / 1000 % 60;
        long rest = milliseconds % 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}{separator}{rest:000}");
    }
}
