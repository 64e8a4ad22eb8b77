namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>What a stream in a media file carries (ffprobe's <c>codec_type</c>).</summary>
public enum MediaStreamKind
{
    /// <summary>A codec type this library does not name.</summary>
    Unknown,

    /// <summary>Pictures: video, or a still image.</summary>
    Video,

    /// <summary>Sound.</summary>
    Audio,

    /// <summary>Subtitles or captions.</summary>
    Subtitle,

    /// <summary>Timed data such as timecode tracks.</summary>
    Data,

    /// <summary>Attached files such as fonts in Matroska.</summary>
    Attachment,
}
