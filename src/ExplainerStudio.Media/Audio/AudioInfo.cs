namespace ExplainerStudio.Media.Audio;

/// <summary>What an accepted audio file holds, checked by decoding it completely.</summary>
/// <param name="Path">The file.</param>
/// <param name="FormatName">ffmpeg's container name, such as <c>wav</c> or <c>mp3</c>.</param>
/// <param name="CodecName">The audio codec, such as <c>pcm_s16le</c> or <c>aac</c>.</param>
/// <param name="Duration">Its duration as decoded.</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Channels">Channel count.</param>
/// <param name="PeakDecibels">The loudest sample in dBFS (0 is full scale).</param>
public sealed record AudioInfo(
    string Path,
    string FormatName,
    string CodecName,
    TimeSpan Duration,
    int SampleRate,
    int Channels,
    double PeakDecibels);
