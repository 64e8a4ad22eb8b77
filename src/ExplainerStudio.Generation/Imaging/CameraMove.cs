namespace ExplainerStudio.Generation.Imaging;

/// <summary>How the virtual camera moves over a shot's keyframe.</summary>
public enum CameraMove
{
    /// <summary>No movement: every frame is the keyframe.</summary>
    Static,

    /// <summary>The view travels left across the keyframe (starts at its right edge).</summary>
    PanLeft,

    /// <summary>The view travels right across the keyframe (starts at its left edge).</summary>
    PanRight,

    /// <summary>The view travels up (starts at the bottom edge).</summary>
    TiltUp,

    /// <summary>The view travels down (starts at the top edge).</summary>
    TiltDown,

    /// <summary>Magnification grows at a constant rate from 1 to 1 + amount.</summary>
    ZoomIn,

    /// <summary>The reverse of <see cref="ZoomIn"/>: ends on the keyframe.</summary>
    ZoomOut,

    /// <summary>The camera moves toward the picture plane: magnification 1 → 1 + amount, accelerating as it closes in.</summary>
    DollyIn,

    /// <summary>The reverse of <see cref="DollyIn"/>: ends on the keyframe.</summary>
    DollyOut,
}
