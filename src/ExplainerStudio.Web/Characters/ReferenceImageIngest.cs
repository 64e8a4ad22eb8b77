using System.Security.Cryptography;
using ExplainerStudio.Media;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Web.Storyboards;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Characters;

/// <summary>
/// Checks an uploaded reference image by its content (never its name), size, pixel count and smallest side, decodes it
/// in memory with SkiaSharp (EXIF orientation applied, a truncated file refused), and normalises it to a PNG of bounded
/// size plus a thumbnail. Anything wrong becomes a <see cref="StudioInputException"/> that names the upload by the name
/// the user gave it; no file is written on the way, so no server path or temporary name can reach a message.
/// </summary>
public sealed class ReferenceImageIngest(ImageDecoder decoder, IOptions<UploadOptions> options)
{
    public async Task<NormalisedImage> NormaliseAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var name = CheckFileName(fileName);
        var limits = options.Value;
        var bytes = await ReadWithLimitAsync(content, limits.MaxImageBytes, name, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new StudioInputException($"'{name}' is empty. Choose a PNG, JPEG or WebP image.");
        }

        var format = ImageFormatSniffer.Sniff(bytes);
        if (!ImageFormatSniffer.IsSupportedImage(format))
        {
            throw new StudioInputException(
                $"'{name}' is not a PNG, JPEG or WebP image; its content looks like {ImageFormatSniffer.Describe(format)}. " +
                "Export it as PNG or JPEG and upload that.");
        }

        // Decoding is CPU work of tens of milliseconds for a large photo; it stays off the caller's (circuit's) thread.
        var image = await Task.Run(() => Decode(name, bytes, limits), cancellationToken);
        return Normalise(name, image);
    }

    /// <summary>Normalises a picture the studio made itself (the demo characters).</summary>
    public NormalisedImage FromImage(string name, RgbImage image) => Normalise(CheckFileName(name), image);

    private RgbImage Decode(string name, byte[] bytes, UploadOptions limits)
    {
        try
        {
            var info = decoder.Probe(bytes, name);
            var pixels = (long)info.Width * info.Height;
            if (pixels > limits.MaxImagePixels)
            {
                throw new StudioInputException(
                    $"'{name}' is {info.Width}×{info.Height} ({pixels / 1_000_000.0:0.#} megapixels); reference images are limited to " +
                    $"{limits.MaxImagePixels / 1_000_000.0:0.#} megapixels. Scale it down and upload again.");
            }
            if (Math.Min(info.Width, info.Height) < limits.MinImageShortSide)
            {
                throw new StudioInputException(
                    $"'{name}' is {info.Width}×{info.Height} pixels, too small to be a reference: reference images need at least " +
                    $"{limits.MinImageShortSide} pixels on their short side. Upload a larger picture of the character.");
            }
            return decoder.DecodeToFit(bytes, name, limits.StoredLongSide, limits.StoredLongSide);
        }
        catch (MediaException e)
        {
            // The decoder's messages name the upload by the name given above, never by a path.
            throw new StudioInputException(e.Message);
        }
    }

    private NormalisedImage Normalise(string name, RgbImage image)
    {
        var png = PngEncoder.Encode(image);
        var thumbnail = ImageResizer.ResizeToFit(image, options.Value.ThumbnailLongSide, options.Value.ThumbnailLongSide);
        var thumbnailPng = thumbnail.Width == image.Width && thumbnail.Height == image.Height ? png : PngEncoder.Encode(thumbnail);
        return new NormalisedImage(name, image.Width, image.Height, png, Convert.ToHexStringLower(SHA256.HashData(png)), thumbnailPng);
    }

    internal static string CheckFileName(string? fileName) => Hosting.UploadName.Check(fileName);

    private static async Task<byte[]> ReadWithLimitAsync(Stream source, long limit, string name, CancellationToken cancellationToken)
    {
        using var target = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (target.Length + read > limit)
            {
                throw new StudioInputException(
                    $"'{name}' is larger than {limit / (1024.0 * 1024):0.#} MB, the limit for reference images. Use a smaller image.");
            }
            target.Write(buffer, 0, read);
        }
        return target.ToArray();
    }
}
