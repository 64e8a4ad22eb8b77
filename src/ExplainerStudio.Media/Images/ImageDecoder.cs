using System.Globalization;
using ExplainerStudio.Media.Ffmpeg;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// Decodes PNG, JPEG and WebP files to <see cref="RgbImage"/> through ffmpeg. The format is checked from the
/// file's content first; JPEG EXIF orientation is applied; a truncated or corrupt file is rejected rather than
/// returned half-grey (ffmpeg runs with <c>-xerror</c>, <c>-err_detect explode</c>, and any error it prints or
/// a short pixel count fails the decode).
/// </summary>
public sealed class ImageDecoder
{
    private const string ScaleFlags = "area+accurate_rnd+full_chroma_int";
    private readonly FfmpegRunner _runner;

    /// <summary>Creates a decoder that runs ffmpeg through <paramref name="runner"/>.</summary>
    public ImageDecoder(FfmpegRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
    }

    /// <summary>
    /// Checks a file's format by content and reads its upright size without decoding the pixels.
    /// </summary>
    /// <exception cref="ImageDecodeException">
    /// Not a PNG, JPEG or WebP image, unreadable, or larger than <see cref="MediaOptions.MaxImagePixels"/>.
    /// </exception>
    /// <exception cref="MediaInputException">The path is a URL or the file does not exist.</exception>
    public async Task<ImageInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        string fullPath = LocalMediaPath.Resolve(path);
        LocalMediaPath.EnsureFileExists(fullPath);
        string name = Path.GetFileName(fullPath);
        SniffedFormat format = ImageFormatSniffer.SniffFile(fullPath);
        if (!ImageFormatSniffer.IsSupportedImage(format))
        {
            throw new ImageDecodeException(format == SniffedFormat.Empty
                ? $"'{name}' is empty; choose a PNG, JPEG or WebP image."
                : $"'{name}' is {ImageFormatSniffer.Describe(format)}, not a PNG, JPEG or WebP image.");
        }

        MediaProbe probe;
        try
        {
            probe = await _runner.ProbeAsync(fullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaInputException exception)
        {
            throw new ImageDecodeException(
                $"'{name}' starts like {ImageFormatSniffer.Describe(format)} but cannot be read; it is corrupt or truncated.", exception);
        }

        MediaStreamInfo picture = probe.Streams.FirstOrDefault(stream => stream.Kind == MediaStreamKind.Video && stream.Width > 0 && stream.Height > 0)
            ?? throw new ImageDecodeException($"'{name}' has no picture that ffmpeg can read; it is corrupt or truncated.");

        int orientation = format == SniffedFormat.Jpeg ? JpegExifOrientation.Read(fullPath) : 1;
        (int width, int height) = orientation >= 5
            ? (picture.Height!.Value, picture.Width!.Value)
            : (picture.Width!.Value, picture.Height!.Value);
        long limit = _runner.Options.MaxImagePixels;
        if ((long)width * height > limit)
        {
            throw new ImageDecodeException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{name}' is {width}x{height} ({(long)width * height / 1e6:0.#} megapixels); the limit is {limit / 1e6:0.#} megapixels. Scale it down and try again."));
        }

        return new ImageInfo(format, width, height, picture.CodecName ?? string.Empty, orientation);
    }

    /// <summary>Decodes a whole image, upright, to rgb24 at its own size.</summary>
    /// <exception cref="ImageDecodeException">Not a supported image, corrupt, truncated, or too large.</exception>
    /// <exception cref="MediaInputException">The path is a URL or the file does not exist.</exception>
    public async Task<RgbImage> DecodeAsync(string path, CancellationToken cancellationToken = default)
    {
        ImageInfo info = await ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        return await DecodeAsync(path, info, info.Width, info.Height, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decodes an image, upright, shrunk with area averaging to fit inside the box while keeping its aspect ratio
    /// (never enlarged). Suited to thumbnails; the result is deterministic for a given file.
    /// </summary>
    /// <exception cref="ImageDecodeException">Not a supported image, corrupt, truncated, or too large.</exception>
    /// <exception cref="MediaInputException">The path is a URL or the file does not exist.</exception>
    public async Task<RgbImage> DecodeToFitAsync(string path, int maxWidth, int maxHeight, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeight);
        ImageInfo info = await ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        (int width, int height) = FitWithin(info.Width, info.Height, maxWidth, maxHeight);
        return await DecodeAsync(path, info, width, height, cancellationToken).ConfigureAwait(false);
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

    private async Task<RgbImage> DecodeAsync(string path, ImageInfo info, int width, int height, CancellationToken cancellationToken)
    {
        string fullPath = LocalMediaPath.Resolve(path);
        string name = Path.GetFileName(fullPath);
        // ffmpeg 5.1 rotates JPEGs by EXIF itself, older builds do not; turning that off and rotating here
        // gives the same pixels on every build and matches the size ProbeAsync reported.
        List<string> filters = [.. OrientationFilters(info.ExifOrientation)];
        filters.Add($"scale={FfmpegValue.Number(width)}:{FfmpegValue.Number(height)}:flags={ScaleFlags}");
        filters.Add("format=rgb24");

        int expected = width * height * RgbImage.BytesPerPixel;
        byte[] pixels = new byte[expected];
        int received = 0;
        bool overflow = false;
        FfmpegCommand command = new FfmpegCommand()
            .WithOptions("-loglevel", "error", "-xerror")
            .AddInput(fullPath, "-noautorotate", "-err_detect", "explode")
            .AddStandardOutput("-map", "0:v:0", "-frames:v", "1", "-vf", string.Join(',', filters), "-f", "rawvideo", "-pix_fmt", "rgb24");
        var job = new FfmpegJob("decode-image", command)
        {
            WritesLog = false,
            ReadStandardOutput = async (stdout, token) =>
            {
                received = await stdout.ReadAtLeastAsync(pixels, expected, throwOnEndOfStream: false, token).ConfigureAwait(false);
                overflow = await stdout.ReadAsync(new byte[1], token).ConfigureAwait(false) > 0;
            },
        };

        FfmpegResult result;
        try
        {
            result = await _runner.RunAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (FfmpegException exception)
        {
            string reason = exception.StandardErrorTail.Count > 0 ? $" (ffmpeg: {exception.StandardErrorTail[^1]})" : string.Empty;
            throw new ImageDecodeException($"'{name}' is corrupt or truncated and cannot be decoded{reason}.", exception);
        }

        // ffmpeg recovers from some damage (a JPEG cut short is padded with grey) and says so only on stderr.
        if (result.StandardErrorTail.Count > 0)
        {
            throw new ImageDecodeException($"'{name}' is damaged or truncated (ffmpeg: {result.StandardErrorTail[^1]}).");
        }

        if (received != expected || overflow)
        {
            throw new ImageDecodeException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{name}' decoded to {(overflow ? "more than " : string.Empty)}{received} bytes where a {width}x{height} image has {expected}; the file is damaged or truncated."));
        }

        return new RgbImage(width, height, pixels);
    }

    private static string[] OrientationFilters(int orientation) => orientation switch
    {
        2 => ["hflip"],
        3 => ["hflip", "vflip"],
        4 => ["vflip"],
        5 => ["transpose=0"],
        6 => ["transpose=1"],
        7 => ["transpose=3"],
        8 => ["transpose=2"],
        _ => [],
    };
}
