namespace ExplainerStudio.Web.Storyboards;

public enum ShotStatus
{
    Draft,
    Queued,
    Rendering,
    Rendered,
    Failed,
    Approved,
}
