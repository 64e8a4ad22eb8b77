using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Timeline;

/// <summary>A change of an export's state or progress, for live pages.</summary>
public sealed record ExportEvent(int ExportId, int ProjectId, ExportStatus Status, double Progress, string? Error) : IJobEvent
{
    int IJobEvent.JobId => ExportId;

    public bool IsFinal => Status is ExportStatus.Succeeded or ExportStatus.Failed or ExportStatus.Cancelled;
}
