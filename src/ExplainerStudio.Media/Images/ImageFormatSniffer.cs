using System.Text;

namespace ExplainerStudio.Media.Images;

/// <summary>
/// Tells what a file is from its content (magic bytes and, for text, its first characters), never from its
/// name. Uploads use it to accept PNG, JPEG and WebP and to say clearly what anything else is.
/// </summary>
public static class ImageFormatSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at; fewer also work for the binary formats.</summary>
    public const int HeaderLength = 512;

    /// <summary>Sniffs the first bytes of a file (at most <see cref="HeaderLength"/> are used).</summary>
    public static SniffedFormat Sniff(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            return SniffedFormat.Empty;
        }

        if (header.Length > HeaderLength)
        {
            header = header[..HeaderLength];
        }

        return SniffBinary(header) ?? SniffText(header);
    }

    /// <summary>Sniffs a file on disk by reading its first <see cref="HeaderLength"/> bytes.</summary>
    public static SniffedFormat SniffFile(string path)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        using FileStream stream = File.OpenRead(path);
        int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return Sniff(header[..read]);
    }

    /// <summary>True for the formats the studio accepts as images: PNG, JPEG and WebP.</summary>
    public static bool IsSupportedImage(SniffedFormat format) =>
        format is SniffedFormat.Png or SniffedFormat.Jpeg or SniffedFormat.WebP;

    /// <summary>Names a format for messages, for example "a PDF document".</summary>
    public static string Describe(SniffedFormat format) => format switch
    {
        SniffedFormat.Empty => "empty",
        SniffedFormat.Png => "a PNG image",
        SniffedFormat.Jpeg => "a JPEG image",
        SniffedFormat.WebP => "a WebP image",
        SniffedFormat.Gif => "a GIF image",
        SniffedFormat.Bmp => "a BMP image",
        SniffedFormat.Tiff => "a TIFF image",
        SniffedFormat.Heif => "a HEIF/HEIC image",
        SniffedFormat.Avif => "an AVIF image",
        SniffedFormat.Icon => "a Windows icon",
        SniffedFormat.Svg => "an SVG drawing",
        SniffedFormat.Pdf => "a PDF document",
        SniffedFormat.Zip => "a ZIP archive",
        SniffedFormat.Gzip => "gzip-compressed data",
        SniffedFormat.Html => "an HTML page",
        SniffedFormat.Xml => "an XML document",
        SniffedFormat.Text => "text",
        SniffedFormat.IsoMedia => "an MP4/MOV media file",
        SniffedFormat.Wave => "WAV audio",
        SniffedFormat.Avi => "AVI video",
        SniffedFormat.Mp3 => "MP3 audio",
        SniffedFormat.Ogg => "Ogg media",
        SniffedFormat.Flac => "FLAC audio",
        SniffedFormat.Matroska => "a Matroska/WebM video",
        SniffedFormat.ElfExecutable => "a Linux executable",
        SniffedFormat.WindowsExecutable => "a Windows executable",
        _ => "not a recognised file type",
    };

    private static SniffedFormat? SniffBinary(ReadOnlySpan<byte> h)
    {
        if (StartsWith(h, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SniffedFormat.Png;
        }

        if (StartsWith(h, [0xFF, 0xD8, 0xFF]))
        {
            return SniffedFormat.Jpeg;
        }

        if (h.Length >= 12 && h.StartsWith("RIFF"u8))
        {
            ReadOnlySpan<byte> form = h.Slice(8, 4);
            return form.SequenceEqual("WEBP"u8) ? SniffedFormat.WebP
                : form.SequenceEqual("WAVE"u8) ? SniffedFormat.Wave
                : form.SequenceEqual("AVI "u8) ? SniffedFormat.Avi
                : SniffedFormat.Unknown;
        }

        if (h.Length >= 12 && h.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            ReadOnlySpan<byte> brand = h.Slice(8, 4);
            return brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8) ? SniffedFormat.Avif
                : brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)
                    || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8)
                    ? SniffedFormat.Heif
                : SniffedFormat.IsoMedia;
        }

        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8))
        {
            return SniffedFormat.Gif;
        }

        // "BM" alone is too common in text; a real BMP also carries a known DIB header size at offset 14.
        if (h.Length >= 18 && h.StartsWith("BM"u8) && BitConverter.ToUInt32(h.Slice(14, 4)) is 12 or 40 or 52 or 56 or 64 or 108 or 124)
        {
            return SniffedFormat.Bmp;
        }

        if (h.StartsWith("II*\0"u8) || h.StartsWith("MM\0*"u8))
        {
            return SniffedFormat.Tiff;
        }

        if (StartsWith(h, [0, 0, 1, 0]) && h.Length >= 6 && h[4] + h[5] > 0)
        {
            return SniffedFormat.Icon;
        }

        if (h.StartsWith("%PDF-"u8))
        {
            return SniffedFormat.Pdf;
        }

        if (h.StartsWith("PK\x03\x04"u8) || h.StartsWith("PK\x05\x06"u8))
        {
            return SniffedFormat.Zip;
        }

        if (StartsWith(h, [0x1F, 0x8B]))
        {
            return SniffedFormat.Gzip;
        }

        if (h.StartsWith("OggS"u8))
        {
            return SniffedFormat.Ogg;
        }

        if (h.StartsWith("fLaC"u8))
        {
            return SniffedFormat.Flac;
        }

        if (StartsWith(h, [0x1A, 0x45, 0xDF, 0xA3]))
        {
            return SniffedFormat.Matroska;
        }

        if (h.StartsWith("ID3"u8) || (h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0 && (h[1] & 0x06) != 0))
        {
            return SniffedFormat.Mp3;
        }

        if (StartsWith(h, [0x7F, (byte)'E', (byte)'L', (byte)'F']))
        {
            return SniffedFormat.ElfExecutable;
        }

        if (h.StartsWith("MZ"u8))
        {
            return SniffedFormat.WindowsExecutable;
        }

        return null;
    }

    private static bool StartsWith(ReadOnlySpan<byte> header, ReadOnlySpan<byte> prefix) => header.StartsWith(prefix);

    private static SniffedFormat SniffText(ReadOnlySpan<byte> h)
    {
        if (StartsWith(h, [0xEF, 0xBB, 0xBF]))
        {
            h = h[3..];
        }
        else if (StartsWith(h, [0xFF, 0xFE]) || StartsWith(h, [0xFE, 0xFF]))
        {
            return SniffedFormat.Text;
        }

        if (!LooksLikeUtf8Text(h))
        {
            return SniffedFormat.Unknown;
        }

        string start = Encoding.UTF8.GetString(h).TrimStart();
        if (start.StartsWith("<svg", StringComparison.OrdinalIgnoreCase)
            || (start.StartsWith('<') && start.Contains("<svg", StringComparison.OrdinalIgnoreCase)))
        {
            return SniffedFormat.Svg;
        }

        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return SniffedFormat.Html;
        }

        return start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) ? SniffedFormat.Xml : SniffedFormat.Text;
    }

    private static bool LooksLikeUtf8Text(ReadOnlySpan<byte> h)
    {
        foreach (byte b in h)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
            {
                return false;
            }
        }

        // The header may cut a multi-byte character in half; up to three trailing bytes may be incomplete.
        for (int cut = 0; cut <= Math.Min(3, h.Length); cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(h[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
