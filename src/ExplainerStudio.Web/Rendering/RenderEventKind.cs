namespace ExplainerStudio.Web.Rendering;

public enum RenderEventKind
{
    Queued,
    Started,
    Progress,
    Encoding,
    Succeeded,
    Failed,
    Cancelled,
}
