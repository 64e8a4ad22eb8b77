using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Web.Characters;

public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    [Range(1024, 512L * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;

    [Range(1, 400_000_000)]
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Reference images are stored at most this many pixels on their long side.</summary>
    [Range(64, 8192)]
    public int StoredLongSide { get; set; } = 1024;

    /// <summary>
    /// Reference images need at least this many pixels on their short side (after EXIF orientation); smaller ones are too
    /// coarse to show a character and are refused with a message that quotes this limit.
    /// </summary>
    [Range(1, 4096)]
    public int MinImageShortSide { get; set; } = 64;

    [Range(32, 1024)]
    public int ThumbnailLongSide { get; set; } = 256;

    [Range(1, 64)]
    public int MaxImagesPerSet { get; set; } = 12;
}
