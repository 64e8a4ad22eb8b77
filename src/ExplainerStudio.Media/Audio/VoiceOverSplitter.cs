using System.Globalization;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Audio;

/// <summary>
/// Splits a whole voice-over recording at its silences (ffmpeg <c>silencedetect</c>) and maps the pieces, in
/// order, onto a scene's dialogue lines.
/// </summary>
public sealed class VoiceOverSplitter
{
    private readonly FfmpegRunner _runner;
    private readonly AudioInspector _inspector;

    /// <summary>Creates a splitter that runs ffmpeg through <paramref name="runner"/>.</summary>
    public VoiceOverSplitter(FfmpegRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
        _inspector = new AudioInspector(runner);
    }

    /// <summary>Finds the stretches of speech in the file, in order.</summary>
    /// <exception cref="MediaInputException">
    /// The file is not audio, is corrupt or truncated, longer than the limit (an hour by default), or silent.
    /// </exception>
    public async Task<IReadOnlyList<VoiceOverSegment>> SplitAsync(
        string path, SilenceOptions? options = null, AudioLimits? limits = null, CancellationToken cancellationToken = default)
    {
        options ??= SilenceOptions.Default;
        AudioInfo info = await _inspector.InspectAsync(path, limits, cancellationToken).ConfigureAwait(false);
        string work = Directory.CreateTempSubdirectory("voiceover-").FullName;
        try
        {
            string report = Path.Combine(work, "silences.txt");
            string filter = string.Create(
                CultureInfo.InvariantCulture,
                $"silencedetect=noise={FfmpegValue.Number(options.NoiseDecibels)}dB:d={FfmpegValue.Seconds(options.MinimumSilence)},ametadata=mode=print:file={FilterText.OptionValue(report)}");
            FfmpegCommand command = new FfmpegCommand()
                .AddInput(path)
                .AddOutput("/dev/null", "-map", "0:a:0", "-af", filter, "-f", "null");
            await _runner.RunAsync(new FfmpegJob("voiceover-split", command) { WritesLog = false }, cancellationToken).ConfigureAwait(false);
            string text = File.Exists(report) ? await File.ReadAllTextAsync(report, cancellationToken).ConfigureAwait(false) : string.Empty;
            return Segments(text, info.Duration, options.MinimumSpeech);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Writes one segment of the voice-over as a 48 kHz WAV (under a temporary name, then moved into place), to
    /// serve as the recorded take of the line it was confirmed for.
    /// </summary>
    /// <exception cref="FfmpegException">ffmpeg failed.</exception>
    public async Task<string> ExtractAsync(
        string path, VoiceOverSegment segment, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Duration <= TimeSpan.Zero)
        {
            throw new MediaInputException("The segment is empty; its end must come after its start.");
        }

        string target = Path.GetFullPath(outputPath);
        string partial = target + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            FfmpegCommand command = new FfmpegCommand()
                .AddInput(path, "-ss", FfmpegValue.Seconds(segment.Start))
                .AddOutput(partial, "-t", FfmpegValue.Seconds(segment.Duration), "-map", "0:a:0", "-ar", "48000", "-c:a", "pcm_s16le", "-f", "wav");
            await _runner.RunAsync(new FfmpegJob("voiceover-extract", command) { WritesLog = false }, cancellationToken).ConfigureAwait(false);
            File.Move(partial, target, overwrite: true);
            return target;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Proposes a segment for each line in order. With more segments than lines, the pieces across the shortest
    /// pauses are joined first (a pause inside a line is usually shorter than one between lines); with fewer,
    /// the last lines get none.
    /// </summary>
    public static IReadOnlyList<VoiceOverMatch> MapOntoLines(IReadOnlyList<VoiceOverSegment> segments, IReadOnlyList<string> lineIds)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(lineIds);
        List<VoiceOverSegment> pieces = [.. segments.OrderBy(segment => segment.Start)];
        while (pieces.Count > lineIds.Count && pieces.Count > 1)
        {
            int shortest = Enumerable.Range(1, pieces.Count - 1).MinBy(index => pieces[index].Start - pieces[index - 1].End);
            pieces[shortest - 1] = new VoiceOverSegment(pieces[shortest - 1].Start, pieces[shortest].End);
            pieces.RemoveAt(shortest);
        }

        return [.. lineIds.Select((id, index) => new VoiceOverMatch(id, index < pieces.Count ? pieces[index] : null))];
    }

    /// <summary>Parses <c>ametadata</c> output of <c>silencedetect</c> into the stretches between silences.</summary>
    internal static IReadOnlyList<VoiceOverSegment> Segments(string metadata, TimeSpan duration, TimeSpan minimumSpeech)
    {
        var segments = new List<VoiceOverSegment>();
        TimeSpan speechStart = TimeSpan.Zero;
        bool inSpeech = true;
        foreach (string raw in metadata.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith("lavfi.silence_start=", StringComparison.Ordinal) && inSpeech)
            {
                TimeSpan silenceStart = Seconds(line);
                Add(segments, speechStart, silenceStart, minimumSpeech);
                inSpeech = false;
            }
            else if (line.StartsWith("lavfi.silence_end=", StringComparison.Ordinal))
            {
                speechStart = Seconds(line);
                inSpeech = true;
            }
        }

        if (inSpeech)
        {
            Add(segments, speechStart, duration, minimumSpeech);
        }

        return segments;
    }

    private static void Add(List<VoiceOverSegment> segments, TimeSpan start, TimeSpan end, TimeSpan minimumSpeech)
    {
        if (start < TimeSpan.Zero)
        {
            start = TimeSpan.Zero;
        }

        if (end - start >= minimumSpeech)
        {
            segments.Add(new VoiceOverSegment(start, end));
        }
    }

    private static TimeSpan Seconds(string line) =>
        TimeSpan.FromSeconds(double.Parse(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture));
}
