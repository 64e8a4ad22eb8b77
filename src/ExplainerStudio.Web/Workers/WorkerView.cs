namespace ExplainerStudio.Web.Workers;

/// <summary>One row of the workers list; <see cref="JobsFinished"/> counts the jobs whose last attempt it ran, of every project.</summary>
public sealed record WorkerView(
    string Id,
    string Host,
    int ProcessId,
    WorkerRole Role,
    string Version,
    string ExecutionProvider,
    bool HasGpu,
    IReadOnlyList<string> Packs,
    int Slots,
    string? Problem,
    WorkerState State,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    IReadOnlyList<WorkerJobView> Jobs,
    int JobsFinished = 0);
