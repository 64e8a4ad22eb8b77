using System.Globalization;
using System.Text.RegularExpressions;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Audio;

/// <summary>
/// Checks an uploaded audio file by its content, never its name: it must be WAV, MP3, M4A/MP4 or Ogg with an
/// audio stream, decode from start to end without error, be no longer than the limit, and not be silent.
/// </summary>
public sealed partial class AudioInspector
{
    private static readonly string[] AcceptedFormats = ["wav", "mp3", "mov", "mp4", "m4a", "ogg"];
    private readonly FfmpegRunner _runner;

    /// <summary>Creates an inspector that runs ffmpeg and ffprobe through <paramref name="runner"/>.</summary>
    public AudioInspector(FfmpegRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
    }

    /// <summary>Inspects the file and returns what it holds.</summary>
    /// <exception cref="MediaInputException">
    /// The file is not audio, is in another format, is corrupt or truncated, is too long, or holds only silence;
    /// the message says which and what to do.
    /// </exception>
    public async Task<AudioInfo> InspectAsync(string path, AudioLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= AudioLimits.Default;
        string name = Path.GetFileName(path);
        MediaProbe probe = await _runner.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        MediaStreamInfo audio = probe.Audio
            ?? throw new MediaInputException($"'{name}' has no audio. Upload a WAV, MP3, M4A or OGG recording.");
        if (!probe.FormatName.Split(',').Any(format => AcceptedFormats.Contains(format, StringComparer.Ordinal)))
        {
            throw new MediaInputException($"'{name}' is {probe.FormatName} audio; upload WAV, MP3, M4A or OGG instead.");
        }

        TimeSpan? declared = probe.Duration ?? audio.Duration;
        if (declared > limits.MaxDuration)
        {
            throw new MediaInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{name}' lasts {declared.Value:hh\\:mm\\:ss}; the longest accepted is {limits.MaxDuration:hh\\:mm\\:ss}. Split it into shorter files."));
        }

        FfmpegCommand command = new FfmpegCommand()
            .WithOptions("-xerror", "-err_detect", "crccheck+bitstream+buffer")
            .AddInput(path)
            .AddOutput("/dev/null", "-map", "0:a:0", "-af", "volumedetect", "-f", "null");
        FfmpegResult result;
        try
        {
            result = await _runner.RunAsync(new FfmpegJob("audio-check", command) { WritesLog = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (FfmpegException exception)
        {
            string reason = exception.StandardErrorTail.Count > 0 ? exception.StandardErrorTail[^1] : "no reason given";
            throw new MediaInputException($"'{name}' is corrupt or truncated and cannot be decoded ({reason}). Export it again and re-upload.", exception);
        }

        TimeSpan decoded = result.LastProgress?.OutTime ?? TimeSpan.Zero;
        if (decoded <= TimeSpan.Zero)
        {
            throw new MediaInputException($"'{name}' holds no decodable audio. Export it again and re-upload.");
        }

        if (declared is { } expected && expected - decoded > TimeSpan.FromSeconds(0.5))
        {
            throw new MediaInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{name}' is truncated: it declares {expected.TotalSeconds:0.0} s but only {decoded.TotalSeconds:0.0} s could be decoded. Upload the complete file."));
        }

        double peak = result.StandardErrorTail
            .Select(line => MaxVolume().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value == "-inf"
                ? double.NegativeInfinity
                : double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(double.NegativeInfinity)
            .Last();
        if (peak <= limits.SilenceDecibels)
        {
            throw new MediaInputException($"'{name}' is silent (its loudest sound is below {limits.SilenceDecibels.ToString(CultureInfo.InvariantCulture)} dB). Check the recording's input level and upload it again.");
        }

        return new AudioInfo(
            Path.GetFullPath(path), probe.FormatName, audio.CodecName ?? "unknown", decoded, audio.SampleRate ?? 0, audio.Channels ?? 0, peak);
    }

    [GeneratedRegex(@"max_volume:\s*(-?(?:inf|[0-9.]+)) dB", RegexOptions.CultureInvariant)]
    private static partial Regex MaxVolume();
}
