namespace ExplainerStudio.Web.Characters;

/// <summary>A reference image after validation and normalisation: PNG bytes, their SHA-256, and a thumbnail.</summary>
public sealed record NormalisedImage(string DisplayName, int Width, int Height, byte[] Png, string Sha256, byte[] ThumbnailPng);
