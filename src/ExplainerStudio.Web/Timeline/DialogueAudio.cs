using ExplainerStudio.Web.Storyboards;

namespace ExplainerStudio.Web.Timeline;

/// <summary>A dialogue line's recorded audio (an uploaded take or a confirmed voice-over segment); lines without one use scratch speech.</summary>
public sealed class DialogueAudio
{
    public int DialogueLineId { get; set; }
    public DialogueLine? DialogueLine { get; set; }
    public DialogueAudioSource Source { get; set; }

    /// <summary>The audio file relative to the data folder.</summary>
    public string FilePath { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public double DurationSeconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
