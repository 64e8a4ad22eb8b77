namespace ExplainerStudio.Web.Storyboards;

public enum CameraMove
{
    Static,
    PanLeft,
    PanRight,
    TiltUp,
    TiltDown,
    ZoomIn,
    ZoomOut,
    DollyIn,
    DollyOut,
}
