namespace ExplainerStudio.Web.Timeline;

public enum ExportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
