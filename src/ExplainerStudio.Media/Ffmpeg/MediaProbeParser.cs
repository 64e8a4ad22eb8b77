using System.Globalization;
using System.Text.Json;

namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>Reads ffprobe's JSON (<c>-print_format json -show_format -show_streams</c>) into a <see cref="MediaProbe"/>.</summary>
internal static class MediaProbeParser
{
    public static MediaProbe Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;

        string formatName = string.Empty;
        TimeSpan? duration = null;
        long? bitRate = null;
        long? size = null;
        if (root.TryGetProperty("format", out JsonElement format))
        {
            formatName = String(format, "format_name") ?? string.Empty;
            duration = Seconds(format, "duration");
            bitRate = Long(format, "bit_rate");
            size = Long(format, "size");
        }

        var streams = new List<MediaStreamInfo>();
        if (root.TryGetProperty("streams", out JsonElement streamArray) && streamArray.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement stream in streamArray.EnumerateArray())
            {
                streams.Add(ParseStream(stream));
            }
        }

        return new MediaProbe(formatName, duration, bitRate, size, streams);
    }

    private static MediaStreamInfo ParseStream(JsonElement stream)
    {
        MediaStreamKind kind = String(stream, "codec_type") switch
        {
            "video" => MediaStreamKind.Video,
            "audio" => MediaStreamKind.Audio,
            "subtitle" => MediaStreamKind.Subtitle,
            "data" => MediaStreamKind.Data,
            "attachment" => MediaStreamKind.Attachment,
            _ => MediaStreamKind.Unknown,
        };

        bool attachedPicture = stream.TryGetProperty("disposition", out JsonElement disposition)
            && Long(disposition, "attached_pic") == 1;

        return new MediaStreamInfo(
            Index: (int)(Long(stream, "index") ?? 0),
            Kind: kind,
            CodecName: String(stream, "codec_name"),
            Width: Int(stream, "width"),
            Height: Int(stream, "height"),
            FrameRate: Rational(stream, "avg_frame_rate") ?? Rational(stream, "r_frame_rate"),
            FrameCount: Long(stream, "nb_frames"),
            PixelFormat: String(stream, "pix_fmt"),
            SampleRate: Int(stream, "sample_rate"),
            Channels: Int(stream, "channels"),
            Duration: Seconds(stream, "duration"),
            IsAttachedPicture: attachedPicture,
            Rotation: ReadRotation(stream));
    }

    private static int ReadRotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out JsonElement sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in sideData.EnumerateArray())
            {
                if (Int(item, "rotation") is { } rotation)
                {
                    return rotation;
                }
            }
        }

        return 0;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // ffprobe writes some numbers as JSON numbers and others as strings ("duration": "1.000000").
    private static string? NumberText(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
    }

    private static long? Long(JsonElement element, string name) =>
        long.TryParse(NumberText(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out long result)
            ? result
            : null;

    private static int? Int(JsonElement element, string name) =>
        int.TryParse(NumberText(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int result)
            ? result
            : null;

    private static TimeSpan? Seconds(JsonElement element, string name) =>
        double.TryParse(NumberText(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && double.IsFinite(seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static double? Rational(JsonElement element, string name)
    {
        string? text = String(element, name);
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split('/');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double numerator)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double denominator)
            && numerator > 0 && denominator > 0)
        {
            return numerator / denominator;
        }

        return null;
    }
}
