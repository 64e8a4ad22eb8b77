namespace ExplainerStudio.Web.Workers;

/// <summary>One row of the workers list.</summary>
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
    IReadOnlyList<WorkerJobView> Jobs);
