namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// One progress report of a running ffmpeg job, parsed from a <c>-progress</c> block. Values ffmpeg reported
/// as <c>N/A</c> are null.
/// </summary>
/// <param name="OutTime">How far into the output ffmpeg has written.</param>
/// <param name="Frame">Frames written so far.</param>
/// <param name="FramesPerSecond">Current encoding rate in frames per second.</param>
/// <param name="Speed">Encoding speed as a multiple of real time.</param>
/// <param name="TotalSize">Bytes written to the output so far.</param>
/// <param name="IsEnd">True for the final report of the job (<c>progress=end</c>).</param>
/// <param name="Fraction">
/// Share of the work done, 0 to 1, when the job named an expected duration; 1 on the final report.
/// </param>
public sealed record FfmpegProgress(
    TimeSpan? OutTime,
    long? Frame,
    double? FramesPerSecond,
    double? Speed,
    long? TotalSize,
    bool IsEnd,
    double? Fraction);
