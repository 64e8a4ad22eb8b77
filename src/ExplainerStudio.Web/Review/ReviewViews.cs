using ExplainerStudio.Generation.Consistency;
using ExplainerStudio.Web.Collaboration;
using ExplainerStudio.Web.Rendering;

namespace ExplainerStudio.Web.Review;

/// <summary>One character's stored drift in a take.</summary>
public sealed record DriftView(
    int Id, int CharacterId, string Character, int SetNumber, int MethodVersion, double Score, double Colour, double Structure,
    double? Embedding, double MeanScore, int WorstFrameIndex, int ReferenceIndex, int? ReferenceImageId,
    double RegionX, double RegionY, double RegionWidth, double RegionHeight);

/// <summary>A take's stored scores.</summary>
public sealed record TakeScoreView(
    int TakeId, int MethodVersion, DateTimeOffset ScoredAt, double? Flicker, int? FlickerFirstFrame, int? FlickerSecondFrame,
    double FlickerDeltaE, double FlickerLightnessChange, bool HasEmbeddings, int ScoredFrames, double ScoringMilliseconds,
    string? Note, IReadOnlyList<DriftView> Characters)
{
    public bool IsCurrentMethod => MethodVersion == ConsistencyMethod.Version;

    /// <summary>The worst character's drift, or null when no character was scored.</summary>
    public DriftView? Worst => Characters.MaxBy(c => c.Score);
}

/// <summary>A take as the review board shows it: its recipe, scores and decision.</summary>
public sealed record ReviewTakeView(
    int Id, int ShotId, DateTimeOffset CreatedAt, long Seed, string PackId, string Scheduler, int Steps, double Guidance,
    double Strength, string ExecutionProvider, int Width, int Height, int FrameRate, int FrameCount, string References,
    bool IsSelected, TakeScoreView? Score, ReviewDecision? Decision, RegenerationMode? RegeneratedAs, int? RegeneratedFromTakeId);

/// <summary>The seam at the cut into a shot.</summary>
public sealed record SeamView(int BeforeTakeId, int AfterTakeId, int MethodVersion, double Score, double ColourDistance, double LightnessJump);

/// <summary>One shot on the review board: the take the timeline uses, and a take to compare it with.</summary>
public sealed record ReviewRowView(
    int ShotId, string Number, string Title, int SceneId, string SceneTitle, IReadOnlyList<int> CharacterIds,
    ReviewTakeView? Current, ReviewTakeView? Compare, SeamView? SeamIn, RenderJobStatus? LatestJobStatus, int? LatestJobId,
    ReviewState State)
{
    public double? WorstDrift => Current?.Score is { IsCurrentMethod: true } s ? s.Worst?.Score : null;

    public double? Flicker => Current?.Score is { IsCurrentMethod: true } s ? s.Flicker : null;

    public double? Seam => SeamIn is { MethodVersion: ConsistencyMethod.Version } seam ? seam.Score : null;
}

/// <summary>A character or scene to filter by.</summary>
public sealed record ReviewFilterOption(int Id, string Name);

/// <summary>The whole review board of a project.</summary>
public sealed record ReviewBoardView(
    int ProjectId, string ProjectName, ProjectRole Role, ConsistencyThresholds Thresholds, bool UsesDefaultThresholds,
    IReadOnlyList<ReviewRowView> Rows, IReadOnlyList<ReviewFilterOption> Characters, IReadOnlyList<ReviewFilterOption> Scenes)
{
    public bool CanAct => Role >= ProjectRole.Editor;
}

/// <summary>What a drift badge shows for a shot: the selected take's worst drift against the project's threshold.</summary>
public sealed record DriftBadgeView(int ShotId, int ProjectId, int? TakeId, double? Drift, string? Character, double? Flicker, ReviewState State, ConsistencyThresholds Thresholds);
