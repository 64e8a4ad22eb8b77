namespace ExplainerStudio.Media.Video;

/// <summary>A finished video file.</summary>
/// <param name="Path">The absolute path of the video, now complete.</param>
/// <param name="FrameCount">Frames written.</param>
/// <param name="Duration">Playing time of those frames.</param>
/// <param name="SizeBytes">File size in bytes.</param>
/// <param name="Elapsed">Wall-clock time the encode took.</param>
public sealed record VideoEncodeResult(string Path, long FrameCount, TimeSpan Duration, long SizeBytes, TimeSpan Elapsed);
