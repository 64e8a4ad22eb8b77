namespace ExplainerStudio.Media.Audio;

/// <summary>What counts as a pause between lines in a voice-over.</summary>
/// <param name="NoiseDecibels">Sound below this level (dBFS) is silence.</param>
/// <param name="MinimumSilence">The shortest silence that separates two lines.</param>
/// <param name="MinimumSpeech">Speech shorter than this (a click, a breath) is dropped.</param>
public sealed record SilenceOptions(double NoiseDecibels, TimeSpan MinimumSilence, TimeSpan MinimumSpeech)
{
    /// <summary>Silence below −35 dBFS for at least 0.5 s; speech of at least 0.15 s.</summary>
    public static SilenceOptions Default { get; } = new(-35, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.15));
}
