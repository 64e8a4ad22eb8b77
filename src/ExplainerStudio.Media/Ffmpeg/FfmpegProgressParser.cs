using System.Globalization;

namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// Turns the key=value lines of ffmpeg's <c>-progress</c> output into one <see cref="FfmpegProgress"/> per
/// block; a block ends with <c>progress=continue</c> or <c>progress=end</c>.
/// </summary>
internal sealed class FfmpegProgressParser
{
    private readonly TimeSpan? _expectedDuration;
    private TimeSpan? _outTime;
    private long? _frame;
    private double? _fps;
    private double? _speed;
    private long? _totalSize;

    public FfmpegProgressParser(TimeSpan? expectedDuration)
    {
        _expectedDuration = expectedDuration is { } expected && expected > TimeSpan.Zero ? expected : null;
    }

    /// <summary>Reads one line; returns a report when the line closes a block, otherwise null.</summary>
    public FfmpegProgress? ReadLine(string line)
    {
        int equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        string key = line[..equals].Trim();
        string value = line[(equals + 1)..].Trim();
        switch (key)
        {
            case "frame":
                _frame = ParseLong(value);
                break;
            case "fps":
                _fps = ParseDouble(value);
                break;
            case "total_size":
                _totalSize = ParseLong(value);
                break;
            case "out_time_us":
                _outTime = ParseMicroseconds(value) ?? _outTime;
                break;
            case "out_time_ms":
                // Despite its name ffmpeg writes microseconds here too; it only matters when out_time_us is absent.
                _outTime ??= ParseMicroseconds(value);
                break;
            case "out_time":
                _outTime ??= ParseClock(value);
                break;
            case "speed":
                _speed = ParseDouble(value.TrimEnd('x'));
                break;
            case "progress":
                return CloseBlock(value == "end");
            default:
                break;
        }

        return null;
    }

    private FfmpegProgress CloseBlock(bool isEnd)
    {
        double? fraction = null;
        if (isEnd)
        {
            fraction = 1.0;
        }
        else if (_expectedDuration is { } expected && _outTime is { } outTime)
        {
            fraction = Math.Clamp(outTime.TotalMilliseconds / expected.TotalMilliseconds, 0.0, 1.0);
        }

        var progress = new FfmpegProgress(_outTime, _frame, _fps, _speed, _totalSize, isEnd, fraction);
        _outTime = null;
        _frame = null;
        _fps = null;
        _speed = null;
        _totalSize = null;
        return progress;
    }

    private static long? ParseLong(string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long result) ? result : null;

    private static double? ParseDouble(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) && double.IsFinite(result)
            ? result
            : null;

    private static TimeSpan? ParseMicroseconds(string value)
    {
        // Before the first packet ffmpeg can print N/A or a huge negative sentinel; neither is a position.
        if (ParseLong(value) is not { } microseconds || microseconds < 0)
        {
            return null;
        }

        return TimeSpan.FromTicks(microseconds * (TimeSpan.TicksPerMillisecond / 1000));
    }

    private static TimeSpan? ParseClock(string value)
    {
        string[] parts = value.Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int hours)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int minutes)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            || hours < 0)
        {
            return null;
        }

        return TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
    }
}
