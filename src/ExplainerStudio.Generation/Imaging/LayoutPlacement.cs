namespace ExplainerStudio.Generation.Imaging;

/// <summary>One character reference placed in a layout frame.</summary>
public sealed record LayoutPlacement
{
    /// <summary>Largest accepted <see cref="Scale"/> (a reference four frame-heights tall).</summary>
    public const double MaxScale = 4.0;

    /// <summary>Places <paramref name="reference"/> with its centre at (<paramref name="centerX"/>,
    /// <paramref name="centerY"/>) of the frame, <paramref name="scale"/> frame heights tall.</summary>
    /// <param name="reference">The character's locked reference image.</param>
    /// <param name="centerX">Horizontal centre, 0 = left edge, 1 = right edge.</param>
    /// <param name="centerY">Vertical centre, 0 = top edge, 1 = bottom edge.</param>
    /// <param name="scale">Height of the placed reference as a fraction of the frame height, in (0, 4]; the width
    /// follows from the reference's aspect ratio.</param>
    /// <param name="zOrder">Drawing order: higher values are drawn over lower ones; ties keep list order.</param>
    /// <exception cref="ArgumentOutOfRangeException">A position is outside [0, 1] or the scale outside (0, 4].</exception>
    public LayoutPlacement(RgbImage reference, double centerX, double centerY, double scale, int zOrder = 0)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!(centerX >= 0 && centerX <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(centerX), centerX, "The centre must lie within the frame (0 to 1).");
        }
        if (!(centerY >= 0 && centerY <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(centerY), centerY, "The centre must lie within the frame (0 to 1).");
        }
        if (!(scale > 0 && scale <= MaxScale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale is the height as a fraction of the frame height, above 0 and at most 4.");
        }
        Reference = reference;
        CenterX = centerX;
        CenterY = centerY;
        Scale = scale;
        ZOrder = zOrder;
    }

    /// <summary>The reference image.</summary>
    public RgbImage Reference { get; }

    /// <summary>Horizontal centre in [0, 1].</summary>
    public double CenterX { get; }

    /// <summary>Vertical centre in [0, 1].</summary>
    public double CenterY { get; }

    /// <summary>Height as a fraction of the frame height.</summary>
    public double Scale { get; }

    /// <summary>Drawing order; higher is in front.</summary>
    public int ZOrder { get; }
}
