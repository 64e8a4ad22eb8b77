namespace ExplainerStudio.Media.Images;

/// <summary>What an image file is and how large it is when shown upright.</summary>
/// <param name="Format">The format its content shows (PNG, JPEG or WebP).</param>
/// <param name="Width">Width in pixels after applying the EXIF orientation.</param>
/// <param name="Height">Height in pixels after applying the EXIF orientation.</param>
/// <param name="CodecName">ffmpeg's decoder name, such as <c>png</c>, <c>mjpeg</c> or <c>webp</c>.</param>
/// <param name="ExifOrientation">The JPEG EXIF orientation, 1 (upright) to 8; 1 when absent or not a JPEG.</param>
public sealed record ImageInfo(SniffedFormat Format, int Width, int Height, string CodecName, int ExifOrientation);
