using System.Globalization;

namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// A shot's layout image: the background with each character's reference composited at its placement, used as
/// the image-to-image start so the layout survives generation.
/// </summary>
/// <remarks>
/// <para>Each reference is resized (antialiased bilinear, aspect kept) to <c>round(Scale·H)</c> pixels high, its
/// width following the aspect ratio, and placed with its centre at <c>(CenterX·W, CenterY·H)</c>; sizes and the
/// top-left corner are rounded to whole pixels, halves away from zero. The parts outside the frame are clipped. References are drawn in ascending <see cref="LayoutPlacement.ZOrder"/>
/// (ties in list order).</para>
/// <para>So that references do not read as hard rectangles, each is blended through a soft rectangular alpha
/// mask: at a pixel <c>d</c> pixels in from the nearest edge of the placed reference the opacity is
/// <c>min(1, (d + 0.5)/f)</c>, where the feather width <c>f = EdgeFeather · min(placed width, placed height)</c>.
/// <see cref="EdgeFeather"/> 0 gives hard edges. Blending is <c>round(back·(1 − a) + front·a)</c> per channel in
/// sRGB bytes.</para>
/// <para>A reference drawn on a plain backdrop (a cut-out flattened onto white) has that backdrop keyed out first
/// (<see cref="KeyBackdrop"/>, on by default): with coverage <c>k</c> from its matte the pixel is
/// <c>back + a·(front − backdrop) + k·a·(backdrop − back)</c>, which is the formula above where <c>k = 1</c> and the
/// frame itself where the reference shows only backdrop, so no light rim or rectangle is left around the character.</para>
/// </remarks>
public sealed record LayoutImage
{
    /// <summary>The default feather: 6% of the placed reference's shorter side.</summary>
    public const double DefaultEdgeFeather = 0.06;

    /// <summary>Describes a <paramref name="width"/> × <paramref name="height"/> layout.</summary>
    /// <exception cref="ArgumentException">A dimension is out of range or the feather is outside [0, 0.5].</exception>
    public LayoutImage(
        int width,
        int height,
        LayoutBackground background,
        IReadOnlyList<LayoutPlacement> placements,
        double edgeFeather = DefaultEdgeFeather,
        bool keyBackdrop = true)
    {
        RgbImage.CheckDimensions(width, height);
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(placements);
        if (!(edgeFeather >= 0 && edgeFeather <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(edgeFeather), edgeFeather, "The edge feather is a fraction of the placed size between 0 and 0.5.");
        }
        Width = width;
        Height = height;
        Background = background;
        Placements = placements;
        EdgeFeather = edgeFeather;
        KeyBackdrop = keyBackdrop;
    }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>What fills the frame behind the characters.</summary>
    public LayoutBackground Background { get; }

    /// <summary>The placed character references.</summary>
    public IReadOnlyList<LayoutPlacement> Placements { get; }

    /// <summary>Feather width as a fraction of each placed reference's shorter side.</summary>
    public double EdgeFeather { get; }

    /// <summary>Whether a reference's plain backdrop is keyed out so only its subject is laid over the frame
    /// (see the remarks); off, the whole rectangle is composited, backdrop and all.</summary>
    public bool KeyBackdrop { get; }

    /// <summary>Composites the layout into a new image.</summary>
    public RgbImage Render()
    {
        byte[] canvas = Background.Image is { } picture
            ? ImageResampler.Cover(picture, Width, Height).Pixels
            : RgbImage.Solid(Width, Height, Background.Color).Pixels;

        IEnumerable<LayoutPlacement> ordered = Placements
            .Select((placement, index) => (placement, index))
            .OrderBy(p => p.placement.ZOrder)
            .ThenBy(p => p.index)
            .Select(p => p.placement);
        foreach (LayoutPlacement placement in ordered)
        {
            Draw(canvas, placement);
        }
        return new RgbImage(Width, Height, canvas);
    }

    /// <summary>The pixel rectangle a placement occupies in the frame (before clipping), as
    /// <c>(left, top, width, height)</c>.</summary>
    public (int Left, int Top, int Width, int Height) PlacedBounds(LayoutPlacement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        int placedHeight = Math.Max(1, (int)Math.Round(placement.Scale * Height, MidpointRounding.AwayFromZero));
        double aspect = placement.Reference.Width / (double)placement.Reference.Height;
        int placedWidth = Math.Max(1, (int)Math.Round(placedHeight * aspect, MidpointRounding.AwayFromZero));
        int left = (int)Math.Round((placement.CenterX * Width) - (placedWidth / 2.0), MidpointRounding.AwayFromZero);
        int top = (int)Math.Round((placement.CenterY * Height) - (placedHeight / 2.0), MidpointRounding.AwayFromZero);
        return (left, top, placedWidth, placedHeight);
    }

    private void Draw(byte[] canvas, LayoutPlacement placement)
    {
        (int left, int top, int placedWidth, int placedHeight) = PlacedBounds(placement);
        int x0 = Math.Max(0, left);
        int y0 = Math.Max(0, top);
        int x1 = Math.Min(Width, left + placedWidth);
        int y1 = Math.Min(Height, top + placedHeight);
        if (x0 >= x1 || y0 >= y1)
        {
            return;
        }
        if (placedWidth > RgbImage.MaxDimension || placedHeight > RgbImage.MaxDimension)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"A reference placed at {placedWidth}×{placedHeight} pixels is too large to draw."));
        }

        RgbImage placed = ImageResampler.Resize(placement.Reference, placedWidth, placedHeight);
        BackdropMatte? matte = KeyBackdrop ? BackdropMatte.Estimate(placed) : null;
        Span<double> backdrop = matte is null ? [] : [matte.Backdrop.R, matte.Backdrop.G, matte.Backdrop.B];
        double feather = EdgeFeather * Math.Min(placedWidth, placedHeight);
        for (int y = y0; y < y1; y++)
        {
            int py = y - top;
            double alphaY = Opacity(Math.Min(py, placedHeight - 1 - py), feather);
            for (int x = x0; x < x1; x++)
            {
                int px = x - left;
                double alpha = Math.Min(alphaY, Opacity(Math.Min(px, placedWidth - 1 - px), feather));
                int target = ((y * Width) + x) * 3;
                int source = ((py * placedWidth) + px) * 3;
                double coverage = matte is null ? 1 : matte.Coverage[(py * placedWidth) + px];
                for (int c = 0; c < 3; c++)
                {
                    double back = canvas[target + c];
                    double front = placed.Pixels[source + c];
                    // Premultiplied: take the backdrop's share (1 − coverage) out of the pixel, then lay what is
                    // left over the frame, which shows through in that share.
                    double blended = coverage >= 1
                        ? (back * (1 - alpha)) + (front * alpha)
                        : back + (alpha * (front - backdrop[c])) + (coverage * alpha * (backdrop[c] - back));
                    canvas[target + c] = (byte)Math.Clamp(Math.Round(blended, MidpointRounding.AwayFromZero), 0, 255);
                }
            }
        }
    }

    private static double Opacity(int distanceFromEdge, double feather) =>
        feather <= 0 ? 1.0 : Math.Min(1.0, (distanceFromEdge + 0.5) / feather);
}
