namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>A project member one can mention, as "@<see cref="DisplayName"/>".</summary>
public sealed record MentionCandidate(string UserId, string DisplayName);
