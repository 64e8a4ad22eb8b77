namespace ExplainerStudio.Media.Images;

/// <summary>What an image file is and how large it is when shown upright.</summary>
/// <param name="Format">The format its content shows (PNG, JPEG or WebP).</param>
/// <param name="Width">Width in pixels after applying the EXIF orientation.</param>
/// <param name="Height">Height in pixels after applying the EXIF orientation.</param>
/// <param name="ExifOrientation">The EXIF orientation, 1 (upright) to 8; 1 when the file has none.</param>
public sealed record ImageInfo(SniffedFormat Format, int Width, int Height, int ExifOrientation);
