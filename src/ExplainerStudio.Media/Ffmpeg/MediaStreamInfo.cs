namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>One stream of a probed media file. Fields ffprobe does not report for the stream are null.</summary>
/// <param name="Index">The stream's index in the file.</param>
/// <param name="Kind">What the stream carries.</param>
/// <param name="CodecName">ffmpeg's short codec name, such as <c>h264</c>, <c>aac</c> or <c>png</c>.</param>
/// <param name="Width">Picture width in pixels (video).</param>
/// <param name="Height">Picture height in pixels (video).</param>
/// <param name="FrameRate">Average frame rate in frames per second (video).</param>
/// <param name="FrameCount">Number of frames as the container records it (video; absent in some containers).</param>
/// <param name="PixelFormat">ffmpeg's pixel format name, such as <c>yuv420p</c> (video).</param>
/// <param name="SampleRate">Samples per second (audio).</param>
/// <param name="Channels">Channel count (audio).</param>
/// <param name="Duration">The stream's own duration.</param>
/// <param name="IsAttachedPicture">True for cover art stored as a video stream.</param>
/// <param name="Rotation">
/// Display rotation in degrees from the stream's display matrix as ffprobe reports it (0 when none; ±90 means
/// the picture is shown with width and height swapped).
/// </param>
public sealed record MediaStreamInfo(
    int Index,
    MediaStreamKind Kind,
    string? CodecName,
    int? Width,
    int? Height,
    double? FrameRate,
    long? FrameCount,
    string? PixelFormat,
    int? SampleRate,
    int? Channels,
    TimeSpan? Duration,
    bool IsAttachedPicture,
    int Rotation);
