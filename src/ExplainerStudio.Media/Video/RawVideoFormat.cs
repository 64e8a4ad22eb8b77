using System.Globalization;

namespace ExplainerStudio.Media.Video;

/// <summary>
/// The shape of raw rgb24 frames sent to the encoder: size and frame rate. H.264 in yuv420p halves the chroma
/// resolution, so both sides must be even.
/// </summary>
public sealed record RawVideoFormat
{
    /// <summary>Creates a format.</summary>
    /// <exception cref="ArgumentException">A size is not positive and even, or the frame rate is outside 1 to 240.</exception>
    public RawVideoFormat(int width, int height, int framesPerSecond)
    {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Video frames must have positive, even width and height for H.264 (yuv420p); {width}x{height} does not."));
        }

        if (framesPerSecond is < 1 or > 240)
        {
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "The frame rate must be 1 to 240 frames per second.");
        }

        if ((long)width * height * 3 > Array.MaxLength)
        {
            throw new ArgumentException("The frame size is too large to hold in memory.");
        }

        Width = width;
        Height = height;
        FramesPerSecond = framesPerSecond;
    }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frames per second.</summary>
    public int FramesPerSecond { get; }

    /// <summary>Bytes in one rgb24 frame.</summary>
    public int FrameSize => Width * Height * 3;

    /// <summary>How long <paramref name="frameCount"/> frames play.</summary>
    public TimeSpan DurationOf(long frameCount) =>
        TimeSpan.FromTicks(frameCount * TimeSpan.TicksPerSecond / FramesPerSecond);
}
