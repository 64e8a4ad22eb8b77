namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// A rectangle of a source image in continuous pixel coordinates: pixel <c>(i, j)</c> covers
/// <c>[i, i + 1) × [j, j + 1)</c>, so the whole of a W × H image is <c>(0, 0, W, H)</c>.
/// </summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width, positive.</param>
/// <param name="Height">Height, positive.</param>
public readonly record struct CropWindow(double X, double Y, double Width, double Height)
{
    /// <summary>The whole of an image.</summary>
    public static CropWindow Full(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new CropWindow(0, 0, image.Width, image.Height);
    }
}
