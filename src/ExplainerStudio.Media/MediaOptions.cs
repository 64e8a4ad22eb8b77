using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Media;

/// <summary>
/// Settings of the media library, bound from the <c>Media</c> configuration section.
/// </summary>
public sealed class MediaOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Media";

    /// <summary>
    /// The ffmpeg executable: a bare name looked up on <c>PATH</c> (the default, <c>ffmpeg</c>) or a path to
    /// the executable.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>
    /// The ffprobe executable: a bare name looked up on <c>PATH</c> (the default, <c>ffprobe</c>) or a path
    /// to the executable.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>
    /// Folder for per-job ffmpeg logs (for example <c>data/logs</c>). A job that names no log path of its own
    /// writes <c>&lt;job name&gt;.log</c> here; when both are absent no log file is written.
    /// </summary>
    public string? LogDirectory { get; set; }

    /// <summary>How many of ffmpeg's last stderr lines an error carries.</summary>
    [Range(1, 1000)]
    public int ErrorTailLines { get; set; } = 20;

    /// <summary>The largest image, in pixels, that the image decoder accepts (guards memory against huge uploads).</summary>
    [Range(1, 1_000_000_000)]
    public long MaxImagePixels { get; set; } = 50_000_000;
}
