namespace ExplainerStudio.Media.Images;

/// <summary>
/// What a file's first bytes say it is. Only <see cref="Png"/>, <see cref="Jpeg"/> and <see cref="WebP"/> are
/// accepted as images; the others are named so that a rejection can say what the file really is.
/// </summary>
public enum SniffedFormat
{
    /// <summary>Nothing recognisable.</summary>
    Unknown,

    /// <summary>A file with no bytes.</summary>
    Empty,

    /// <summary>PNG image.</summary>
    Png,

    /// <summary>JPEG image.</summary>
    Jpeg,

    /// <summary>WebP image (RIFF container with a WEBP form).</summary>
    WebP,

    /// <summary>GIF image.</summary>
    Gif,

    /// <summary>BMP image.</summary>
    Bmp,

    /// <summary>TIFF image.</summary>
    Tiff,

    /// <summary>HEIF/HEIC image (ISO media with a HEIF brand).</summary>
    Heif,

    /// <summary>AVIF image (ISO media with an AVIF brand).</summary>
    Avif,

    /// <summary>Windows icon.</summary>
    Icon,

    /// <summary>SVG vector drawing (XML text).</summary>
    Svg,

    /// <summary>PDF document.</summary>
    Pdf,

    /// <summary>ZIP archive (also DOCX, XLSX and similar).</summary>
    Zip,

    /// <summary>gzip-compressed data.</summary>
    Gzip,

    /// <summary>HTML page.</summary>
    Html,

    /// <summary>Other XML text.</summary>
    Xml,

    /// <summary>Plain text.</summary>
    Text,

    /// <summary>MP4, MOV or other ISO media video or audio.</summary>
    IsoMedia,

    /// <summary>WAV audio.</summary>
    Wave,

    /// <summary>AVI video.</summary>
    Avi,

    /// <summary>MP3 audio.</summary>
    Mp3,

    /// <summary>Ogg audio or video.</summary>
    Ogg,

    /// <summary>FLAC audio.</summary>
    Flac,

    /// <summary>Matroska or WebM video.</summary>
    Matroska,

    /// <summary>Linux executable or library (ELF).</summary>
    ElfExecutable,

    /// <summary>Windows executable or library (PE).</summary>
    WindowsExecutable,
}
