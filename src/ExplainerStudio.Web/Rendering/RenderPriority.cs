namespace ExplainerStudio.Web.Rendering;

/// <summary>Higher runs first; stored as a number so the queue can order by it.</summary>
public enum RenderPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}
