using System.Buffers.Binary;
using System.IO.Compression;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// Writes 8-bit RGB and RGBA PNG files in C#: each row gets the PNG filter with the smallest sum of absolute
/// residuals, the filtered rows are zlib-compressed, and no ancillary chunks (time, gamma, text) are written, so
/// the same pixels always give the same bytes.
/// </summary>
public static class PngEncoder
{
    private const int MaxIdatLength = 1 << 20;
    private const byte ColorTypeRgb = 2;
    private const byte ColorTypeRgba = 6;

    /// <summary>Encodes an RGB image as an 8-bit truecolour PNG.</summary>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Encode(image.Width, image.Height, image.Pixels, RgbImage.BytesPerPixel, ColorTypeRgb);
    }

    /// <summary>Encodes an RGBA image as an 8-bit truecolour-with-alpha PNG.</summary>
    public static byte[] Encode(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Encode(image.Width, image.Height, image.Pixels, RgbaImage.BytesPerPixel, ColorTypeRgba);
    }

    private static byte[] Encode(int width, int height, byte[] pixels, int bytesPerPixel, byte colorType)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = colorType;
        header[10] = 0;
        header[11] = 0;
        header[12] = 0;
        WriteChunk(png, "IHDR"u8, header);

        byte[] compressed = Compress(FilterRows(width, height, pixels, bytesPerPixel));
        for (int offset = 0; offset < compressed.Length; offset += MaxIdatLength)
        {
            WriteChunk(png, "IDAT"u8, compressed.AsSpan(offset, Math.Min(MaxIdatLength, compressed.Length - offset)));
        }

        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte[] FilterRows(int width, int height, byte[] pixels, int bytesPerPixel)
    {
        int stride = width * bytesPerPixel;
        byte[] filtered = new byte[(long)(stride + 1) * height > Array.MaxLength
            ? throw new ArgumentException("The image is too large for one PNG buffer.")
            : (stride + 1) * height];
        byte[] candidate = new byte[stride];
        byte[] best = new byte[stride];
        byte[] zeroRow = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> previous = y == 0 ? zeroRow : pixels.AsSpan((y - 1) * stride, stride);
            long bestScore = long.MaxValue;
            byte bestFilter = 0;
            for (byte filter = 0; filter <= 4; filter++)
            {
                long score = ApplyFilter(filter, row, previous, bytesPerPixel, candidate);
                if (score < bestScore)
                {
                    bestScore = score;
                    bestFilter = filter;
                    candidate.CopyTo(best, 0);
                }
            }

            int start = y * (stride + 1);
            filtered[start] = bestFilter;
            best.CopyTo(filtered, start + 1);
        }

        return filtered;
    }

    /// <summary>Filters one row into <paramref name="output"/> and returns the sum of absolute residuals.</summary>
    private static long ApplyFilter(byte filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        long score = 0;
        for (int i = 0; i < row.Length; i++)
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
                _ => Paeth(left, up, upLeft),
            };
            byte residual = unchecked((byte)(row[i] - predictor));
            output[i] = residual;
            score += Math.Abs((int)(sbyte)residual);
        }

        return score;
    }

    internal static int Paeth(int left, int up, int upLeft)
    {
        int estimate = left + up - upLeft;
        int toLeft = Math.Abs(estimate - left);
        int toUp = Math.Abs(estimate - up);
        int toUpLeft = Math.Abs(estimate - upLeft);
        if (toLeft <= toUp && toLeft <= toUpLeft)
        {
            return left;
        }

        return toUp <= toUpLeft ? up : upLeft;
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Append(Crc32.Compute(type), data));
        png.Write(number);
    }
}
