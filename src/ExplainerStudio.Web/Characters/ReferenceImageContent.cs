namespace ExplainerStudio.Web.Characters;

/// <summary>
/// The bytes of a reference image, in their own table so that listing sets and images never drags the blobs along.
/// </summary>
public sealed class ReferenceImageContent
{
    public int ReferenceImageId { get; set; }
    public byte[] Png { get; set; } = [];
    public byte[] ThumbnailPng { get; set; } = [];
}
