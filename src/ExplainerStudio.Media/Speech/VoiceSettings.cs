namespace ExplainerStudio.Media.Speech;

/// <summary>A character's scratch-speech voice for espeak-ng.</summary>
/// <param name="Voice">An espeak-ng voice: a language (<c>en-us</c>), a voice name or file, optionally with a variant (<c>en+f3</c>).</param>
/// <param name="Pitch">Pitch, 0 to 99 (espeak-ng's default is 50).</param>
/// <param name="Rate">Speaking rate in words per minute, 80 to 450 (espeak-ng's default is 175).</param>
public sealed record VoiceSettings(string Voice, int Pitch = 50, int Rate = 175);
