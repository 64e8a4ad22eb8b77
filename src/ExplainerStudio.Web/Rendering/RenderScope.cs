namespace ExplainerStudio.Web.Rendering;

/// <summary>What the user asked to generate; a scene or project request queues one job per shot.</summary>
public enum RenderScope
{
    Shot,
    Scene,
    Project,
    Regenerate,
}
