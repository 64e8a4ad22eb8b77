namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>The outcome of a successful ffmpeg run.</summary>
/// <param name="CommandLine">The exact command line, quoted as a POSIX shell would need it.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
/// <param name="LastProgress">The last progress report, or null when the run reported none.</param>
/// <param name="StandardErrorTail">
/// ffmpeg's last stderr lines (warnings, or errors ffmpeg chose not to fail on), oldest first.
/// </param>
/// <param name="LogPath">The log file written, or null.</param>
public sealed record FfmpegResult(
    string CommandLine,
    TimeSpan Elapsed,
    FfmpegProgress? LastProgress,
    IReadOnlyList<string> StandardErrorTail,
    string? LogPath);
