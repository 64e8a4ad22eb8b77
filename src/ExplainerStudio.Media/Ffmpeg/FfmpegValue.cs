using System.Globalization;

namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// Formats numbers for ffmpeg arguments in the invariant culture, whatever the process culture is.
/// </summary>
public static class FfmpegValue
{
    /// <summary>An integer, for example <c>24</c>.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal number with at most six decimals and a dot, for example <c>0.5</c>.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "ffmpeg arguments need a finite number.");
        }

        return value.ToString("0.######", CultureInfo.InvariantCulture);
    }

    /// <summary>A duration or position in seconds with microsecond precision, for example <c>1.250000</c>.</summary>
    public static string Seconds(TimeSpan value) =>
        (value.Ticks / (double)TimeSpan.TicksPerSecond).ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>A frame size as ffmpeg writes it, for example <c>1280x720</c>.</summary>
    public static string Size(int width, int height) =>
        string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
}
