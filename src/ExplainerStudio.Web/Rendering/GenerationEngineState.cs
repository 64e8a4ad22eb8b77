namespace ExplainerStudio.Web.Rendering;

public enum GenerationEngineState
{
    Starting,
    Ready,
    Failed,
}
