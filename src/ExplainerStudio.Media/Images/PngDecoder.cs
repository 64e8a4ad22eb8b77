using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// Reads the PNGs that <see cref="PngEncoder"/> writes (8-bit RGB or RGBA, not interlaced) without ffmpeg,
/// checking every chunk CRC and the pixel data length. Other PNGs (palette, grey, 16-bit, interlaced) are
/// refused; decode those with <see cref="ImageDecoder"/>.
/// </summary>
public static class PngDecoder
{
    /// <summary>Decodes an 8-bit RGB PNG.</summary>
    /// <exception cref="ImageDecodeException">The data is not such a PNG, is damaged, truncated, or has alpha.</exception>
    public static RgbImage DecodeRgb(ReadOnlySpan<byte> png)
    {
        (int width, int height, byte colorType, byte[] pixels) = Decode(png);
        if (colorType != 2)
        {
            throw new ImageDecodeException("The PNG has an alpha channel; read it with DecodeRgba.");
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>Decodes an 8-bit RGB or RGBA PNG to RGBA (opaque alpha for RGB).</summary>
    /// <exception cref="ImageDecodeException">The data is not such a PNG, is damaged or truncated.</exception>
    public static RgbaImage DecodeRgba(ReadOnlySpan<byte> png)
    {
        (int width, int height, byte colorType, byte[] pixels) = Decode(png);
        if (colorType == 6)
        {
            return new RgbaImage(width, height, pixels);
        }

        var image = new RgbaImage(width, height);
        for (int source = 0, target = 0; source < pixels.Length; source += 3, target += 4)
        {
            image.Pixels[target] = pixels[source];
            image.Pixels[target + 1] = pixels[source + 1];
            image.Pixels[target + 2] = pixels[source + 2];
            image.Pixels[target + 3] = 255;
        }

        return image;
    }

    private static (int Width, int Height, byte ColorType, byte[] Pixels) Decode(ReadOnlySpan<byte> png)
    {
        if (ImageFormatSniffer.Sniff(png) != SniffedFormat.Png)
        {
            throw new ImageDecodeException("The data is not a PNG image.");
        }

        int position = 8;
        int width = 0;
        int height = 0;
        byte colorType = 0;
        bool sawHeader = false;
        bool sawEnd = false;
        using var compressed = new MemoryStream();
        while (!sawEnd)
        {
            if (position + 12 > png.Length)
            {
                throw new ImageDecodeException("The PNG is truncated: it ends before its IEND chunk.");
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(png[position..]);
            if (length < 0 || position + 12L + length > png.Length)
            {
                throw new ImageDecodeException("The PNG is truncated: a chunk runs past the end of the data.");
            }

            ReadOnlySpan<byte> type = png.Slice(position + 4, 4);
            ReadOnlySpan<byte> data = png.Slice(position + 8, length);
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(png[(position + 8 + length)..]);
            if (storedCrc != Crc32.Append(Crc32.Compute(type), data))
            {
                throw new ImageDecodeException(
                    $"The PNG is damaged: the CRC of its {System.Text.Encoding.ASCII.GetString(type)} chunk does not match.");
            }

            if (type.SequenceEqual("IHDR"u8))
            {
                (width, height, colorType) = ReadHeader(data);
                sawHeader = true;
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                compressed.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                sawEnd = true;
            }

            position += 12 + length;
        }

        if (!sawHeader)
        {
            throw new ImageDecodeException("The PNG has no IHDR chunk.");
        }

        int bytesPerPixel = colorType == 6 ? 4 : 3;
        long stride = (long)width * bytesPerPixel;
        long filteredLength = (stride + 1) * height;
        if (filteredLength > Array.MaxLength)
        {
            throw new ImageDecodeException(string.Create(
                CultureInfo.InvariantCulture, $"The PNG is {width}x{height}, too large to decode in memory."));
        }

        byte[] filtered = Inflate(compressed, (int)filteredLength);
        return (width, height, colorType, Unfilter(filtered, (int)stride, height, bytesPerPixel));
    }

    private static (int Width, int Height, byte ColorType) ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new ImageDecodeException("The PNG's IHDR chunk has the wrong length.");
        }

        int width = BinaryPrimitives.ReadInt32BigEndian(data);
        int height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        byte bitDepth = data[8];
        byte colorType = data[9];
        byte interlace = data[12];
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException("The PNG has a zero or negative size.");
        }

        if (bitDepth != 8 || colorType is not (2 or 6) || data[10] != 0 || data[11] != 0 || interlace != 0)
        {
            throw new ImageDecodeException(string.Create(
                CultureInfo.InvariantCulture,
                $"The PNG uses bit depth {bitDepth}, colour type {colorType}, interlace {interlace}; this reader takes only 8-bit RGB or RGBA without interlacing. Decode it with ImageDecoder."));
        }

        return (width, height, colorType);
    }

    private static byte[] Inflate(MemoryStream compressed, int expectedLength)
    {
        compressed.Position = 0;
        byte[] filtered = new byte[expectedLength];
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            int read = zlib.ReadAtLeast(filtered, expectedLength, throwOnEndOfStream: false);
            if (read != expectedLength)
            {
                throw new ImageDecodeException("The PNG's pixel data is truncated.");
            }
        }
        catch (InvalidDataException exception)
        {
            throw new ImageDecodeException("The PNG's compressed pixel data is damaged.", exception);
        }

        return filtered;
    }

    private static byte[] Unfilter(byte[] filtered, int stride, int height, int bpp)
    {
        byte[] pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = filtered[y * (stride + 1)];
            ReadOnlySpan<byte> source = filtered.AsSpan((y * (stride + 1)) + 1, stride);
            Span<byte> row = pixels.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> previous = y == 0 ? new byte[stride] : pixels.AsSpan((y - 1) * stride, stride);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= bpp ? row[i - bpp] : 0;
                int up = previous[i];
                int upLeft = i >= bpp ? previous[i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) >> 1,
                    4 => PngEncoder.Paeth(left, up, upLeft),
                    _ => throw new ImageDecodeException(string.Create(
                        CultureInfo.InvariantCulture, $"The PNG is damaged: row {y} uses unknown filter {filter}.")),
                };
                row[i] = unchecked((byte)(source[i] + predictor));
            }
        }

        return pixels;
    }
}
