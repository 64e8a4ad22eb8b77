using ExplainerStudio.Media.Timeline;

namespace ExplainerStudio.Web.Storyboards.Import;

/// <summary>A shot to create. <see cref="Id"/> identifies it within one plan, so that the preview's edits can name it.</summary>
public sealed record ImportShot(int Id, string Title, string Description, IReadOnlyList<ImportLine> Dialogue)
{
    /// <summary>Code samples and tables: kept with the shot (appended to its description), never spoken.</summary>
    public string Notes { get; init; } = "";

    /// <summary>How long the shot lasts once its lines are spoken at their speakers' voice rates.</summary>
    public double EstimatedSeconds { get; init; }

    /// <summary>The transition from this shot into the next (a screenplay's CUT TO:, DISSOLVE TO:, FADE OUT.); null keeps the timeline's default cut.</summary>
    public TransitionKind? TransitionAfter { get; init; }

    /// <summary>The script line the shot came from (1-based), for messages.</summary>
    public int Line { get; init; }
}
