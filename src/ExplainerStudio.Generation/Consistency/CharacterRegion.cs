using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Where a character placed in a shot's layout appears in each frame of the take. The layout puts the reference in
/// the rectangle <see cref="LayoutImage.PlacedBounds"/> gives; the camera move shows a known window of the keyframe
/// in every frame, so the region is mapped through that window exactly, with no image search.
/// </summary>
public static class CharacterRegion
{
    /// <summary>Regions narrower than this many frame pixels are not worth scoring.</summary>
    public const double MinimumSide = 4;

    /// <summary>
    /// The character's region in the keyframe: the placed rectangle minus the feathered rim that
    /// <see cref="LayoutImage"/> blends with the background (only fully opaque pixels belong to the reference).
    /// Not clipped to the frame.
    /// </summary>
    public static CropWindow InKeyframe(LayoutPlacement placement, int width, int height, double edgeFeather = LayoutImage.DefaultEdgeFeather) =>
        Place(placement, width, height, edgeFeather).Region;

    /// <summary>
    /// The character's region in <paramref name="frame"/>: its keyframe region intersected with the part of the
    /// keyframe the frame shows, mapped to frame pixels; null when less than <see cref="MinimumSide"/> pixels of it
    /// are visible.
    /// </summary>
    public static TrackedRegion? InFrame(TakeFrame frame, LayoutPlacement placement, double edgeFeather = LayoutImage.DefaultEdgeFeather)
    {
        ArgumentNullException.ThrowIfNull(frame);
        (CropWindow placed, CropWindow region) = Place(placement, frame.Image.Width, frame.Image.Height, edgeFeather);
        return Map(placed, region, frame.View, frame.Image.Width, frame.Image.Height);
    }

    private static (CropWindow Placed, CropWindow Region) Place(LayoutPlacement placement, int width, int height, double edgeFeather)
    {
        ArgumentNullException.ThrowIfNull(placement);
        var layout = new LayoutImage(width, height, LayoutBackground.Solid(RgbColor.Black), [placement], edgeFeather);
        (int left, int top, int placedWidth, int placedHeight) = layout.PlacedBounds(placement);
        double inset = Math.Ceiling(edgeFeather * Math.Min(placedWidth, placedHeight));
        if ((placedWidth - (2 * inset)) < MinimumSide || (placedHeight - (2 * inset)) < MinimumSide)
        {
            inset = 0;
        }

        return (
            new CropWindow(left, top, placedWidth, placedHeight),
            new CropWindow(left + inset, top + inset, placedWidth - (2 * inset), placedHeight - (2 * inset)));
    }

    private static TrackedRegion? Map(CropWindow placed, CropWindow region, CropWindow view, int frameWidth, int frameHeight)
    {
        double left = Math.Max(region.X, view.X);
        double top = Math.Max(region.Y, view.Y);
        double right = Math.Min(region.X + region.Width, view.X + view.Width);
        double bottom = Math.Min(region.Y + region.Height, view.Y + view.Height);
        double scaleX = frameWidth / view.Width;
        double scaleY = frameHeight / view.Height;
        if ((right - left) * scaleX < MinimumSide || (bottom - top) * scaleY < MinimumSide)
        {
            return null;
        }

        var crop = new CropWindow((left - view.X) * scaleX, (top - view.Y) * scaleY, (right - left) * scaleX, (bottom - top) * scaleY);
        var fraction = new CropWindow(
            (left - placed.X) / placed.Width,
            (top - placed.Y) / placed.Height,
            (right - left) / placed.Width,
            (bottom - top) / placed.Height);
        return new TrackedRegion(crop, fraction);
    }
}
