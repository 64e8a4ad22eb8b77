namespace ExplainerStudio.Media.Audio;

/// <summary>What an uploaded audio file must satisfy.</summary>
/// <param name="MaxDuration">The longest file accepted.</param>
/// <param name="SilenceDecibels">A file whose loudest sample is at or below this level (dBFS) counts as silence.</param>
public sealed record AudioLimits(TimeSpan MaxDuration, double SilenceDecibels)
{
    /// <summary>At most one hour; silence at or below −60 dBFS.</summary>
    public static AudioLimits Default { get; } = new(TimeSpan.FromHours(1), -60);
}
