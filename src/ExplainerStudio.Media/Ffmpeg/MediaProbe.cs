namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>What ffprobe reports about a media file (<c>-show_format -show_streams</c>).</summary>
/// <param name="FormatName">ffmpeg's container name list, such as <c>mov,mp4,m4a,3gp,3g2,mj2</c>.</param>
/// <param name="Duration">The container's duration, when known.</param>
/// <param name="BitRate">Overall bit rate in bits per second, when known.</param>
/// <param name="SizeBytes">File size in bytes, when known.</param>
/// <param name="Streams">The streams in file order.</param>
public sealed record MediaProbe(
    string FormatName,
    TimeSpan? Duration,
    long? BitRate,
    long? SizeBytes,
    IReadOnlyList<MediaStreamInfo> Streams)
{
    /// <summary>The first video stream that is not cover art, or null.</summary>
    public MediaStreamInfo? Video =>
        Streams.FirstOrDefault(stream => stream.Kind == MediaStreamKind.Video && !stream.IsAttachedPicture);

    /// <summary>The first audio stream, or null.</summary>
    public MediaStreamInfo? Audio => Streams.FirstOrDefault(stream => stream.Kind == MediaStreamKind.Audio);
}
