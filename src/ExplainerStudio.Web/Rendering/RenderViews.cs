namespace ExplainerStudio.Web.Rendering;

/// <summary>A job as the queue page and the API show it.</summary>
public sealed record RenderJobView(
    int Id, int ProjectId, string ProjectName, int ShotId, string ShotTitle, RenderScope Scope, RenderPriority Priority,
    RenderJobStatus Status, int Attempts, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, int Step, int TotalSteps, string? Phase, string? Error, int? TakeId, int? QueuePosition,
    bool CanManage)
{
    public double Fraction => TotalSteps <= 0 ? 0 : Math.Clamp((double)Step / TotalSteps, 0, 1);
}

/// <summary>What the storyboard shows on a shot card: its latest job and takes.</summary>
public sealed record ShotRenderState(
    int ShotId, int? LatestJobId, RenderJobStatus? LatestStatus, double Fraction, string? Error, int TakeCount,
    int? SelectedTakeId, bool SelectedTakeIsStale);

/// <summary>A take as the shot editor shows it.</summary>
public sealed record TakeView(
    int Id, int ShotId, int JobId, DateTimeOffset CreatedAt, string CreatedBy, long Seed, string PackId, string PackHash,
    string Scheduler, int Steps, int StepsRun, double Guidance, double Strength, string ExecutionProvider, string AppVersion,
    int Width, int Height, int FrameRate, int FrameCount, string KeyframeSha256, double TotalMilliseconds,
    IReadOnlyList<TakeReferenceView> References, bool IsSelected, int? ReproducesTakeId, string? ReproductionResult)
{
    public bool IsStale => References.Any(r => r.IsStale);
}

/// <summary>A character's reference set in a take, against the character's current locked one.</summary>
public sealed record TakeReferenceView(int CharacterId, string Name, int SetNumber, int? CurrentLockedSetNumber)
{
    public bool IsStale => CurrentLockedSetNumber is { } current && current > SetNumber;
}
