using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Export;

/// <summary>A finished, verified export.</summary>
/// <param name="VideoPath">The MP4.</param>
/// <param name="SrtPath">The SubRip sidecar.</param>
/// <param name="VttPath">The WebVTT sidecar.</param>
/// <param name="Duration">The timeline's duration.</param>
/// <param name="Probe">What ffprobe found in the written file.</param>
/// <param name="Elapsed">How long ffmpeg ran.</param>
public sealed record ExportResult(string VideoPath, string SrtPath, string VttPath, TimeSpan Duration, MediaProbe Probe, TimeSpan Elapsed);
