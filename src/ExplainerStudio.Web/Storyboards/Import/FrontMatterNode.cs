namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>
/// One value of a front matter: a scalar, a mapping (keys in order) or a sequence, with the line it starts on.
/// Exactly one of <see cref="Scalar"/>, <see cref="Mapping"/> and <see cref="Sequence"/> is set.
/// </summary>
internal sealed record FrontMatterNode(
    int Line,
    string? Scalar = null,
    IReadOnlyList<(string Key, FrontMatterNode Value)>? Mapping = null,
    IReadOnlyList<FrontMatterNode>? Sequence = null);
