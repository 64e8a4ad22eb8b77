using System.Globalization;

namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// Derives a clip's frames from its keyframe by moving a crop window over it and resampling the window to the
/// full frame size (bilinear), so every frame has the keyframe's dimensions.
/// </summary>
/// <remarks>
/// <para>With one image and no depth, every move is a crop: <c>amount</c> (default 0.2) sets how far it goes.
/// Pans and tilts use a window <c>1/(1 + amount)</c> of the frame that travels at constant speed from one edge of
/// the keyframe to the other, so they are magnified by <c>1 + amount</c> throughout. Zooms and dollies use a
/// centred window whose magnification runs from 1 (the keyframe itself) to <c>1 + amount</c>: a zoom changes it
/// geometrically, <c>m = (1 + amount)^t</c>, which reads as a steady zoom; a dolly models the camera travelling
/// toward a flat picture, <c>m = 1/(1 − t·amount/(1 + amount))</c>, which starts slower and accelerates. Out
/// moves run the same path backwards and end on the keyframe. Progress is linear in <c>t</c>; ease it before
/// calling if a softer start is wanted.</para>
/// </remarks>
public static class CameraMotion
{
    /// <summary>The default extent of a move: 20% magnification, or a pan over 1/6 of the frame.</summary>
    public const double DefaultAmount = 0.2;

    /// <summary>The part of a <paramref name="width"/> × <paramref name="height"/> keyframe shown at progress
    /// <paramref name="t"/> in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Progress is outside [0, 1] or the amount outside (0, 4].</exception>
    public static CropWindow Window(CameraMove move, double t, int width, int height, double amount = DefaultAmount)
    {
        RgbImage.CheckDimensions(width, height);
        if (!(t >= 0 && t <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "Progress along the move runs from 0 to 1.");
        }
        if (!(amount > 0 && amount <= 4))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The move amount must be above 0 and at most 4.");
        }

        double travel = 1 + amount;
        double panWidth = width / travel;
        double panHeight = height / travel;
        return move switch
        {
            CameraMove.Static => new CropWindow(0, 0, width, height),
            CameraMove.PanRight => new CropWindow(t * (width - panWidth), (height - panHeight) / 2, panWidth, panHeight),
            CameraMove.PanLeft => new CropWindow((1 - t) * (width - panWidth), (height - panHeight) / 2, panWidth, panHeight),
            CameraMove.TiltDown => new CropWindow((width - panWidth) / 2, t * (height - panHeight), panWidth, panHeight),
            CameraMove.TiltUp => new CropWindow((width - panWidth) / 2, (1 - t) * (height - panHeight), panWidth, panHeight),
            CameraMove.ZoomIn => Centered(width, height, Math.Pow(travel, t)),
            CameraMove.ZoomOut => Centered(width, height, Math.Pow(travel, 1 - t)),
            CameraMove.DollyIn => Centered(width, height, Dolly(t, amount)),
            CameraMove.DollyOut => Centered(width, height, Dolly(1 - t, amount)),
            _ => throw new ArgumentOutOfRangeException(nameof(move), move, "Unknown camera move."),
        };
    }

    /// <summary>The frame at progress <paramref name="t"/> as a new image the size of the keyframe.</summary>
    public static RgbImage RenderFrame(RgbImage keyframe, CameraMove move, double t, double amount = DefaultAmount)
    {
        ArgumentNullException.ThrowIfNull(keyframe);
        CropWindow window = Window(move, t, keyframe.Width, keyframe.Height, amount);
        return window == CropWindow.Full(keyframe)
            ? new RgbImage(keyframe.Width, keyframe.Height, (byte[])keyframe.Pixels.Clone())
            : ImageResampler.Resample(keyframe, window, keyframe.Width, keyframe.Height);
    }

    /// <summary>Writes the frame at progress <paramref name="t"/> as rgb24 into <paramref name="destination"/>
    /// (exactly the keyframe's byte size), for streaming frames without allocating.</summary>
    public static void RenderFrame(RgbImage keyframe, CameraMove move, double t, Span<byte> destination, double amount = DefaultAmount)
    {
        ArgumentNullException.ThrowIfNull(keyframe);
        if (destination.Length != keyframe.Pixels.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A {keyframe.Width}×{keyframe.Height} frame needs {keyframe.Pixels.Length} bytes; the destination holds {destination.Length}."),
                nameof(destination));
        }
        CropWindow window = Window(move, t, keyframe.Width, keyframe.Height, amount);
        if (window == CropWindow.Full(keyframe))
        {
            keyframe.Pixels.CopyTo(destination);
            return;
        }
        ImageResampler.Resample(keyframe, window, keyframe.Width, keyframe.Height, destination);
    }

    private static CropWindow Centered(int width, int height, double magnification)
    {
        double w = width / magnification;
        double h = height / magnification;
        return new CropWindow((width - w) / 2, (height - h) / 2, w, h);
    }

    // Camera distance falls linearly from 1 to 1/(1 + amount); magnification is its inverse.
    private static double Dolly(double t, double amount) => 1 / (1 - (t * amount / (1 + amount)));
}
