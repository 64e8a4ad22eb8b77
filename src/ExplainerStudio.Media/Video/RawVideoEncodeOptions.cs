using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Video;

/// <summary>How <see cref="RawVideoEncoder"/> encodes and reports.</summary>
public sealed class RawVideoEncodeOptions
{
    /// <summary>The x264 presets, fastest first.</summary>
    public static IReadOnlyList<string> Presets { get; } =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];

    /// <summary>x264 speed/size trade-off; <c>veryfast</c> by default.</summary>
    public string Preset { get; init; } = "veryfast";

    /// <summary>x264 constant rate factor, 0 (lossless) to 51; lower is better quality. 20 by default.</summary>
    public int Crf { get; init; } = 20;

    /// <summary>The ffmpeg job's name for logs.</summary>
    public string JobName { get; init; } = "encode-video";

    /// <summary>The log file; when null the runner's log folder and <see cref="JobName"/> decide.</summary>
    public string? LogPath { get; init; }

    /// <summary>How many frames the source will produce, when known; progress reports then carry a fraction.</summary>
    public long? ExpectedFrameCount { get; init; }

    /// <summary>Receives ffmpeg's progress reports.</summary>
    public IProgress<FfmpegProgress>? Progress { get; init; }

    internal void Validate()
    {
        if (!Presets.Contains(Preset, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown x264 preset '{Preset}'; use one of {string.Join(", ", Presets)}.");
        }

        if (Crf is < 0 or > 51)
        {
            throw new ArgumentException("The x264 CRF must be 0 to 51.");
        }
    }
}
