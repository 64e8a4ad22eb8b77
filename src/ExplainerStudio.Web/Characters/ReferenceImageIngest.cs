using System.Security.Cryptography;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Characters;

/// <summary>
/// Checks an uploaded reference image by its content (never its name), size and pixel count, decodes it through
/// ffmpeg, and normalises it to a PNG of bounded size plus a thumbnail. Anything wrong becomes a
/// <see cref="StudioInputException"/> that names the problem; the upload's temporary file is always removed.
/// </summary>
public sealed class ReferenceImageIngest(
    ImageDecoder decoder,
    StudioPaths paths,
    IOptions<UploadOptions> options)
{
    public async Task<NormalisedImage> NormaliseAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var name = CheckFileName(fileName);
        var limits = options.Value;
        Directory.CreateDirectory(paths.TempDirectory);
        var temp = Path.Combine(paths.TempDirectory, $"upload-{Guid.NewGuid():N}.bin");
        try
        {
            var size = await CopyWithLimitAsync(content, temp, limits.MaxImageBytes, name, cancellationToken);
            if (size == 0)
            {
                throw new StudioInputException($"'{name}' is empty. Choose a PNG, JPEG or WebP image.");
            }

            var format = ImageFormatSniffer.SniffFile(temp);
            if (!ImageFormatSniffer.IsSupportedImage(format))
            {
                throw new StudioInputException(
                    $"'{name}' is not a PNG, JPEG or WebP image; its content looks like {ImageFormatSniffer.Describe(format)}. " +
                    "Export it as PNG or JPEG and upload that.");
            }

            ImageInfo info;
            RgbImage image;
            try
            {
                info = await decoder.ProbeAsync(temp, cancellationToken);
                var pixels = (long)info.Width * info.Height;
                if (pixels > limits.MaxImagePixels)
                {
                    throw new StudioInputException(
                        $"'{name}' is {info.Width}×{info.Height} ({pixels / 1_000_000.0:0.#} megapixels); reference images are limited to " +
                        $"{limits.MaxImagePixels / 1_000_000.0:0.#} megapixels. Scale it down and upload again.");
                }
                image = await decoder.DecodeToFitAsync(temp, limits.StoredLongSide, limits.StoredLongSide, cancellationToken);
            }
            catch (MediaException e)
            {
                throw new StudioInputException($"'{name}' could not be read as an image: {e.Message}");
            }

            return Normalise(name, image);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Normalises pixels the studio made itself (the demo characters).</summary>
    public NormalisedImage FromRgb(string name, int width, int height, byte[] rgb) =>
        Normalise(CheckFileName(name), new RgbImage(width, height, rgb));

    private NormalisedImage Normalise(string name, RgbImage image)
    {
        var png = PngEncoder.Encode(image);
        var (thumbWidth, thumbHeight) = ImageDecoder.FitWithin(image.Width, image.Height, options.Value.ThumbnailLongSide, options.Value.ThumbnailLongSide);
        var thumbnail = thumbWidth == image.Width && thumbHeight == image.Height ? png : PngEncoder.Encode(image.ResizeBilinear(thumbWidth, thumbHeight));
        return new NormalisedImage(name, image.Width, image.Height, png, Convert.ToHexStringLower(SHA256.HashData(png)), thumbnail);
    }

    internal static string CheckFileName(string? fileName) => Hosting.UploadName.Check(fileName);

    private static async Task<long> CopyWithLimitAsync(Stream source, string path, long limit, string name, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new StudioInputException(
                    $"'{name}' is larger than {limit / (1024.0 * 1024):0.#} MB, the limit for reference images. Use a smaller image.");
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return total;
    }
}
