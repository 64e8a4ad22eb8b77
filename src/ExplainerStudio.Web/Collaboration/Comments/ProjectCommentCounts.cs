namespace ExplainerStudio.Web.Collaboration.Comments;

/// <summary>The comment counts of every shot of one project; a shot missing from <see cref="Counts"/> has none.</summary>
public sealed record ProjectCommentCounts(int ProjectId, IReadOnlySet<int> ShotIds, IReadOnlyDictionary<int, ShotCommentCount> Counts);
