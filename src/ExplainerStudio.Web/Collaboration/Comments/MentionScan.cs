namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>What a comment's "@" mentions name: members found (each once) and names that are no member's.</summary>
public sealed record MentionScan(IReadOnlyList<MentionCandidate> Members, IReadOnlyList<string> Unknown);
