using System.Buffers.Binary;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// Reads the EXIF orientation tag (0x0112) of a JPEG. Phone photos rely on it to appear upright; ffprobe
/// reports the stored size, and ffmpeg builds differ in whether they rotate, so the decoder applies it itself.
/// </summary>
internal static class JpegExifOrientation
{
    // EXIF sits in APP1 near the start; APP segments are at most 64 KiB each.
    private const int SearchLength = 256 * 1024;

    /// <summary>Returns 1 to 8; 1 when the file has no readable orientation.</summary>
    public static int Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        byte[] buffer = new byte[(int)Math.Min(SearchLength, stream.Length)];
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Read(buffer.AsSpan(0, read));
    }

    public static int Read(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return 1;
        }

        int position = 2;
        while (position + 4 <= jpeg.Length)
        {
            if (jpeg[position] != 0xFF)
            {
                return 1;
            }

            byte marker = jpeg[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            // Start of scan or end of image: no metadata segments follow.
            if (marker is 0xDA or 0xD9)
            {
                return 1;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(position + 2, 2));
            if (length < 2 || position + 2 + length > jpeg.Length)
            {
                return 1;
            }

            ReadOnlySpan<byte> payload = jpeg.Slice(position + 4, length - 2);
            if (marker == 0xE1 && payload.StartsWith("Exif\0\0"u8))
            {
                return ReadTiff(payload[6..]);
            }

            position += 2 + length;
        }

        return 1;
    }

    private static int ReadTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return 1;
        }

        bool little = tiff.StartsWith("II"u8);
        if (!little && !tiff.StartsWith("MM"u8))
        {
            return 1;
        }

        uint ifd = ReadUInt32(tiff[4..], little);
        if (ifd > int.MaxValue || ifd + 2 > tiff.Length)
        {
            return 1;
        }

        int entries = ReadUInt16(tiff[(int)ifd..], little);
        for (int i = 0; i < entries; i++)
        {
            int entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > tiff.Length)
            {
                return 1;
            }

            if (ReadUInt16(tiff[entry..], little) == 0x0112)
            {
                int value = ReadUInt16(tiff[(entry + 8)..], little);
                return value is >= 1 and <= 8 ? value : 1;
            }
        }

        return 1;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data) : BinaryPrimitives.ReadUInt16BigEndian(data);

    private static uint ReadUInt32(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data) : BinaryPrimitives.ReadUInt32BigEndian(data);
}
