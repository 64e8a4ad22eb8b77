namespace ExplainerStudio.Generation.Pipelines;

/// <summary>Conversions between rgb24 frames and the planar float images the VAE and image encoder take.</summary>
internal static class ImageTensors
{
    /// <summary>Writes a frame as planar RGB (CHW) in [-1, 1], as the VAE encoder expects.</summary>
    public static void ToSignedPlanar(RgbFrame frame, Span<float> destination)
    {
        ReadOnlySpan<byte> pixels = frame.Pixels.Span;
        int plane = frame.Width * frame.Height;
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                destination[(c * plane) + p] = (pixels[(p * 3) + c] / 127.5f) - 1f;
            }
        }
    }

    /// <summary>Turns planar RGB in about [-1, 1] into a frame: <c>clip(x/2 + 0.5, 0, 1)</c>, rounded to bytes.</summary>
    public static RgbFrame FromSignedPlanar(ReadOnlySpan<float> source, int width, int height)
    {
        int plane = width * height;
        byte[] pixels = new byte[plane * 3];
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                pixels[(p * 3) + c] = ToByte((source[(c * plane) + p] * 0.5f) + 0.5f);
            }
        }

        return new RgbFrame(width, height, pixels);
    }

    /// <summary>Converts a [0, 1] value to a byte, rounding to nearest and clamping.</summary>
    public static byte ToByte(float unit)
    {
        float scaled = MathF.Round(unit * 255f);
        return scaled <= 0f ? (byte)0 : scaled >= 255f ? (byte)255 : (byte)scaled;
    }

    /// <summary>
    /// Resamples by area averaging (every output pixel is the mean of the source area it covers), which does not
    /// alias when shrinking a 512-pixel layout to an image encoder's 224.
    /// </summary>
    public static RgbFrame Resize(RgbFrame frame, int width, int height)
    {
        if (frame.Width == width && frame.Height == height)
        {
            return frame;
        }

        ReadOnlySpan<byte> source = frame.Pixels.Span;
        byte[] pixels = new byte[width * height * 3];
        double scaleX = (double)frame.Width / width;
        double scaleY = (double)frame.Height / height;
        Span<double> sum = stackalloc double[3];
        for (int y = 0; y < height; y++)
        {
            double top = y * scaleY;
            double bottom = top + scaleY;
            for (int x = 0; x < width; x++)
            {
                double left = x * scaleX;
                double right = left + scaleX;
                sum.Clear();
                double area = 0;
                for (int sy = (int)top; sy < Math.Min(frame.Height, (int)Math.Ceiling(bottom)); sy++)
                {
                    double wy = Math.Min(bottom, sy + 1) - Math.Max(top, sy);
                    for (int sx = (int)left; sx < Math.Min(frame.Width, (int)Math.Ceiling(right)); sx++)
                    {
                        double weight = wy * (Math.Min(right, sx + 1) - Math.Max(left, sx));
                        int index = ((sy * frame.Width) + sx) * 3;
                        sum[0] += source[index] * weight;
                        sum[1] += source[index + 1] * weight;
                        sum[2] += source[index + 2] * weight;
                        area += weight;
                    }
                }

                int target = ((y * width) + x) * 3;
                for (int c = 0; c < 3; c++)
                {
                    pixels[target + c] = (byte)Math.Clamp(Math.Round(sum[c] / area), 0, 255);
                }
            }
        }

        return new RgbFrame(width, height, pixels);
    }
}
