using System.Globalization;
using ExplainerStudio.Media.Ffmpeg;
using SkiaSharp;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// Decodes PNG, JPEG and WebP pictures in-process with SkiaSharp. The format is checked from the content first, so a
/// wrong file is named for what it is; the decode must succeed completely (a truncated or damaged file is refused, never
/// returned half-decoded); the EXIF orientation is applied; colours are converted to sRGB; transparent pixels are laid on
/// white. Messages name the picture by the display name the caller gives, never by a path on the server.
/// </summary>
public sealed class ImageDecoder
{
    private readonly MediaOptions _options;

    /// <summary>Creates a decoder that refuses pictures larger than <see cref="MediaOptions.MaxImagePixels"/>.</summary>
    public ImageDecoder(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Checks a picture's format by content and reads its upright size without decoding the pixels.</summary>
    /// <param name="content">The encoded file.</param>
    /// <param name="name">How messages name the picture, such as the upload's file name.</param>
    /// <exception cref="ImageDecodeException">
    /// Not a PNG, JPEG or WebP image, unreadable, or larger than <see cref="MediaOptions.MaxImagePixels"/>.
    /// </exception>
    public ImageInfo Probe(byte[] content, string name)
    {
        using var stream = new MemoryStream(content, writable: false);
        using SKCodec codec = Open(stream, name, out SniffedFormat format);
        return Describe(codec, format, name);
    }

    /// <summary>Probes a local file; see <see cref="Probe(byte[], string)"/>.</summary>
    /// <exception cref="ImageDecodeException">Not a supported image, unreadable, or too large.</exception>
    /// <exception cref="MediaInputException">The path is a URL or the file does not exist.</exception>
    public ImageInfo Probe(string path)
    {
        (FileStream stream, string name) = OpenFile(path);
        using (stream)
        {
            using SKCodec codec = Open(stream, name, out SniffedFormat format);
            return Describe(codec, format, name);
        }
    }

    /// <summary>Decodes a whole picture, upright, to rgb24 at its own size.</summary>
    /// <exception cref="ImageDecodeException">Not a supported image, truncated, damaged, or too large.</exception>
    public RgbImage Decode(byte[] content, string name)
    {
        using var stream = new MemoryStream(content, writable: false);
        return Decode(stream, name, maxWidth: null, maxHeight: null);
    }

    /// <summary>Decodes a local file; see <see cref="Decode(byte[], string)"/>.</summary>
    /// <exception cref="ImageDecodeException">Not a supported image, truncated, damaged, or too large.</exception>
    /// <exception cref="MediaInputException">The path is a URL or the file does not exist.</exception>
    public RgbImage Decode(string path)
    {
        (FileStream stream, string name) = OpenFile(path);
        using (stream)
        {
            return Decode(stream, name, maxWidth: null, maxHeight: null);
        }
    }

    /// <summary>
    /// Decodes a picture, upright, shrunk to fit inside the box with its aspect ratio kept (never enlarged). Shrinking
    /// samples mipmaps, so large photos give smooth results.
    /// </summary>
    /// <exception cref="ImageDecodeException">Not a supported image, truncated, damaged, or too large.</exception>
    public RgbImage DecodeToFit(byte[] content, string name, int maxWidth, int maxHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeight);
        using var stream = new MemoryStream(content, writable: false);
        return Decode(stream, name, maxWidth, maxHeight);
    }

    /// <summary>Decodes a local file to fit a box; see <see cref="DecodeToFit(byte[], string, int, int)"/>.</summary>
    /// <exception cref="ImageDecodeException">Not a supported image, truncated, damaged, or too large.</exception>
    /// <exception cref="MediaInputException">The path is a URL or the file does not exist.</exception>
    public RgbImage DecodeToFit(string path, int maxWidth, int maxHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeight);
        (FileStream stream, string name) = OpenFile(path);
        using (stream)
        {
            return Decode(stream, name, maxWidth, maxHeight);
        }
    }

    /// <summary>
    /// The largest size with the same aspect ratio that fits inside the box; the original size when it already fits.
    /// </summary>
    public static (int Width, int Height) FitWithin(int width, int height, int maxWidth, int maxHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeight);
        if (width <= maxWidth && height <= maxHeight)
        {
            return (width, height);
        }

        double scale = Math.Min((double)maxWidth / width, (double)maxHeight / height);
        return (
            Math.Clamp((int)Math.Round(width * scale, MidpointRounding.AwayFromZero), 1, maxWidth),
            Math.Clamp((int)Math.Round(height * scale, MidpointRounding.AwayFromZero), 1, maxHeight));
    }

    private RgbImage Decode(Stream stream, string name, int? maxWidth, int? maxHeight)
    {
        using SKCodec codec = Open(stream, name, out SniffedFormat format);
        ImageInfo info = Describe(codec, format, name);
        (int width, int height) = maxWidth is { } boxWidth && maxHeight is { } boxHeight
            ? FitWithin(info.Width, info.Height, boxWidth, boxHeight)
            : (info.Width, info.Height);
        if (width > RgbImage.MaxDimension || height > RgbImage.MaxDimension)
        {
            throw new ImageDecodeException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{name}' is {info.Width}x{info.Height}; pictures are limited to {RgbImage.MaxDimension} pixels on each side. Scale it down and try again."));
        }

        var decodeInfo = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(decodeInfo);
        SKCodecResult result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new ImageDecodeException(
                $"'{name}' is {ImageFormatSniffer.Describe(format)} that cannot be decoded completely: {Reason(result)}. Export it again and use the new file.");
        }

        // The common case, an opaque upright picture kept at its size, needs no drawing at all.
        bool asStored = codec.EncodedOrigin is SKEncodedOrigin.TopLeft && width == info.Width && height == info.Height;
        return asStored && codec.Info.AlphaType == SKAlphaType.Opaque
            ? SkiaPixels.ToRgbImage(decoded)
            : Upright(decoded, codec.EncodedOrigin, info, width, height);
    }

    /// <summary>Turns the decoded pixels upright, scales them to the target size and lays them on white, in one draw.</summary>
    private static RgbImage Upright(SKBitmap decoded, SKEncodedOrigin origin, ImageInfo upright, int width, int height)
    {
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb()));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale((float)width / upright.Width, (float)height / upright.Height);
            SKMatrix orientation = Orientation(origin, decoded.Width, decoded.Height);
            canvas.Concat(in orientation);
            using SKPixmap pixels = decoded.PeekPixels();
            using SKImage image = SKImage.FromPixels(pixels);
            bool sameSize = width == upright.Width && height == upright.Height;
            canvas.DrawImage(image, 0, 0, sameSize ? SkiaPixels.Exact : SkiaPixels.Shrink, paint: null);
        }

        return SkiaPixels.ToRgbImage(target);
    }

    /// <summary>Maps stored pixel coordinates (a <paramref name="width"/> × <paramref name="height"/> picture) to upright ones.</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private ImageInfo Describe(SKCodec codec, SniffedFormat format, string name)
    {
        SKEncodedOrigin origin = codec.EncodedOrigin;
        int orientation = origin is >= SKEncodedOrigin.TopLeft and <= SKEncodedOrigin.LeftBottom ? (int)origin : 1;
        (int width, int height) = orientation >= 5
            ? (codec.Info.Height, codec.Info.Width)
            : (codec.Info.Width, codec.Info.Height);
        long limit = _options.MaxImagePixels;
        if ((long)width * height > limit)
        {
            throw new ImageDecodeException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{name}' is {width}x{height} ({(long)width * height / 1e6:0.#} megapixels); the limit is {limit / 1e6:0.#} megapixels. Scale it down and try again."));
        }

        return new ImageInfo(format, width, height, orientation);
    }

    private static SKCodec Open(Stream stream, string name, out SniffedFormat format)
    {
        Span<byte> header = stackalloc byte[ImageFormatSniffer.HeaderLength];
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        format = ImageFormatSniffer.Sniff(header[..read]);
        if (!ImageFormatSniffer.IsSupportedImage(format))
        {
            throw new ImageDecodeException(format == SniffedFormat.Empty
                ? $"'{name}' is empty; choose a PNG, JPEG or WebP image."
                : $"'{name}' is {ImageFormatSniffer.Describe(format)}, not a PNG, JPEG or WebP image.");
        }

        SKCodec? codec = SKCodec.Create(stream, out SKCodecResult result);
        return codec ?? throw new ImageDecodeException(
            $"'{name}' starts like {ImageFormatSniffer.Describe(format)} but cannot be read: {Reason(result)}. Export it again and use the new file.");
    }

    private static (FileStream Stream, string Name) OpenFile(string path)
    {
        string fullPath = LocalMediaPath.Resolve(path);
        LocalMediaPath.EnsureFileExists(fullPath);
        return (File.OpenRead(fullPath), Path.GetFileName(fullPath));
    }

    private static string Reason(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the file ends before the picture does (it is truncated)",
        SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => "the file is damaged",
        SKCodecResult.Unimplemented or SKCodecResult.InvalidConversion => "it uses a variant of the format that cannot be read",
        _ => "the decoder reported " + result,
    };
}
