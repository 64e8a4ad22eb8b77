using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// One image of a take with the part of the keyframe it shows, so a placed character can be found in it: the
/// keyframe shows all of itself; a frame along the camera move shows <see cref="CameraMotion.Window"/> of it,
/// resampled to the full frame size.
/// </summary>
/// <param name="Index">0 for the keyframe, then the frame's index along the move (as <c>ShotFrame.Index</c>).</param>
/// <param name="Image">The frame, the keyframe's size.</param>
/// <param name="View">The part of the keyframe it shows, in keyframe pixels.</param>
public sealed record TakeFrame(int Index, RgbImage Image, CropWindow View)
{
    /// <summary>The keyframe itself.</summary>
    public static TakeFrame Keyframe(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new TakeFrame(0, image, CropWindow.Full(image));
    }

    /// <summary>A frame of a shot as <c>DiffusionPipeline.RenderShotAsync</c> makes it: index 0 is the keyframe,
    /// index i of n shows the move at progress i/n.</summary>
    public static TakeFrame FromShot(int index, int frameCount, RgbImage image, CameraMove move, double amount = CameraMotion.DefaultAmount)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, frameCount);
        if (index == 0)
        {
            return Keyframe(image);
        }

        return new TakeFrame(index, image, CameraMotion.Window(move, (double)index / frameCount, image.Width, image.Height, amount));
    }
}
