namespace ExplainerStudio.Web.Rendering;

public enum RenderJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
