namespace ExplainerStudio.Generation.Imaging;

/// <summary>What fills a layout frame behind the characters: a solid colour, or an image scaled to cover the
/// frame (aspect kept, overflow cropped equally on both sides).</summary>
public sealed record LayoutBackground
{
    private LayoutBackground(RgbColor color, RgbImage? image)
    {
        Color = color;
        Image = image;
    }

    /// <summary>The fill colour (used when there is no image).</summary>
    public RgbColor Color { get; }

    /// <summary>The background picture, or null for a solid colour.</summary>
    public RgbImage? Image { get; }

    /// <summary>A solid colour background.</summary>
    public static LayoutBackground Solid(RgbColor color) => new(color, null);

    /// <summary>A picture background.</summary>
    public static LayoutBackground Picture(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new LayoutBackground(RgbColor.Black, image);
    }
}
