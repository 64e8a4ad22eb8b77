namespace ExplainerStudio.Web.Timeline;

/// <summary>Where a dialogue line's audio comes from when it is not scratch speech.</summary>
public enum DialogueAudioSource
{
    Recorded,
    VoiceOver,
}
