namespace ExplainerStudio.Web.Characters;

/// <summary>Metadata of one normalised reference image; the pixels live in <see cref="ReferenceImageContent"/>.</summary>
public sealed class ReferenceImage
{
    public int Id { get; set; }
    public int ReferenceSetId { get; set; }
    public ReferenceSet? ReferenceSet { get; set; }
    public int Position { get; set; }

    /// <summary>The generated storage name (never the uploader's file name).</summary>
    public string StoredName { get; set; } = "";

    /// <summary>The uploader's file name without any path, for display only.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the normalised PNG.</summary>
    public string Sha256 { get; set; } = "";
    public long ByteSize { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public ReferenceImageContent? Content { get; set; }
}
