using System.Globalization;

namespace ExplainerStudio.Media.Export;

/// <summary>How a timeline is exported.</summary>
/// <param name="Resolution">The size preset.</param>
/// <param name="Aspect">The aspect ratio.</param>
/// <param name="Fit">Pad or crop shots of another shape.</param>
/// <param name="Subtitles">How subtitles are included.</param>
/// <param name="FramesPerSecond">The project's frame rate.</param>
/// <param name="LoudnessLufs">The integrated loudness the audio is normalised to.</param>
/// <param name="Preset">The x264 preset (speed against size).</param>
/// <param name="Crf">The x264 quality (lower is better).</param>
public sealed record ExportSettings(
    ExportResolution Resolution = ExportResolution.Hd1080,
    ExportAspect Aspect = ExportAspect.Landscape16x9,
    ExportFit Fit = ExportFit.Pad,
    SubtitleMode Subtitles = SubtitleMode.SoftTrack,
    double FramesPerSecond = 24,
    double LoudnessLufs = -16,
    string Preset = "veryfast",
    int Crf = 20)
{
    /// <summary>The output width in pixels.</summary>
    public int Width => Aspect switch
    {
        ExportAspect.Landscape16x9 => LongSide,
        _ => ShortSide,
    };

    /// <summary>The output height in pixels.</summary>
    public int Height => Aspect switch
    {
        ExportAspect.Portrait9x16 => LongSide,
        _ => ShortSide,
    };

    private int ShortSide => Resolution switch
    {
        ExportResolution.Preview360 => 360,
        ExportResolution.Hd720 => 720,
        _ => 1080,
    };

    private int LongSide => Resolution switch
    {
        ExportResolution.Preview360 => 640,
        ExportResolution.Hd720 => 1280,
        _ => 1920,
    };

    internal void Validate()
    {
        if (!double.IsFinite(FramesPerSecond) || FramesPerSecond is < 1 or > 120)
        {
            throw new ArgumentOutOfRangeException(nameof(FramesPerSecond), FramesPerSecond, "The frame rate must be between 1 and 120.");
        }

        if (!double.IsFinite(LoudnessLufs) || LoudnessLufs is < -70 or > -5)
        {
            throw new ArgumentOutOfRangeException(nameof(LoudnessLufs), LoudnessLufs, "The loudness target must be between -70 and -5 LUFS.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Crf, nameof(Crf));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Crf, 51, nameof(Crf));
        if (string.IsNullOrWhiteSpace(Preset) || !Preset.All(char.IsAsciiLetterLower))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{Preset}' is not an x264 preset."), nameof(Preset));
        }
    }
}
