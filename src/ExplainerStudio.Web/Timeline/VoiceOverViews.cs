namespace ExplainerStudio.Web.Timeline;

/// <summary>A split voice-over waiting for the user to confirm or adjust which piece belongs to which line.</summary>
public sealed record VoiceOverProposal(int SceneId, string VoiceOverId, double DurationSeconds, IReadOnlyList<VoiceOverLineProposal> Lines);

/// <summary>A line and the piece proposed for it (null start and end when the pieces ran out).</summary>
public sealed record VoiceOverLineProposal(int LineId, string Speaker, string Text, double? StartSeconds, double? EndSeconds);

/// <summary>A confirmed piece of a voice-over for one line.</summary>
public sealed record VoiceOverAssignment(int LineId, double StartSeconds, double EndSeconds);
