using System.Buffers;
using System.Globalization;

namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// Bilinear resampling with antialiasing: a separable triangle filter whose radius widens with the reduction
/// factor when shrinking (as Pillow's BILINEAR resize does), and plain bilinear interpolation between pixel
/// centres when enlarging. Weights falling outside the source are dropped and the rest renormalised, so edges
/// are not darkened. Results are rounded half to even and clamped to 0–255.
/// </summary>
public static class ImageResampler
{
    /// <summary>Resizes the whole image to <paramref name="width"/> × <paramref name="height"/> (aspect not preserved).</summary>
    public static RgbImage Resize(RgbImage source, int width, int height) =>
        Resample(source, CropWindow.Full(source), width, height);

    /// <summary>Resizes to fill <paramref name="width"/> × <paramref name="height"/> keeping the aspect ratio, cropping
    /// the overflow equally on both sides (CSS <c>object-fit: cover</c>).</summary>
    public static RgbImage Cover(RgbImage source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Resample(source, CoverWindow(source.Width, source.Height, width, height), width, height);
    }

    /// <summary>The centred window of a <paramref name="sourceWidth"/> × <paramref name="sourceHeight"/> image with the
    /// aspect ratio of <paramref name="width"/> × <paramref name="height"/>, as large as fits.</summary>
    public static CropWindow CoverWindow(int sourceWidth, int sourceHeight, int width, int height)
    {
        RgbImage.CheckDimensions(sourceWidth, sourceHeight);
        RgbImage.CheckDimensions(width, height);
        double targetAspect = width / (double)height;
        double sourceAspect = sourceWidth / (double)sourceHeight;
        if (sourceAspect > targetAspect)
        {
            double cropWidth = sourceHeight * targetAspect;
            return new CropWindow((sourceWidth - cropWidth) / 2, 0, cropWidth, sourceHeight);
        }
        double cropHeight = sourceWidth / targetAspect;
        return new CropWindow(0, (sourceHeight - cropHeight) / 2, sourceWidth, cropHeight);
    }

    /// <summary>Resamples <paramref name="window"/> of the source to a new <paramref name="width"/> ×
    /// <paramref name="height"/> image.</summary>
    public static RgbImage Resample(RgbImage source, CropWindow window, int width, int height)
    {
        RgbImage.CheckDimensions(width, height);
        var pixels = new byte[width * height * 3];
        Resample(source, window, width, height, pixels);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Resamples <paramref name="window"/> of the source into <paramref name="destination"/>, which must hold
    /// exactly <c>width × height × 3</c> bytes (an rgb24 frame).</summary>
    /// <exception cref="ArgumentException">The window is empty or not finite, or the destination has the wrong size.</exception>
    public static void Resample(RgbImage source, CropWindow window, int width, int height, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        RgbImage.CheckDimensions(width, height);
        if (!(window.Width > 0 && window.Height > 0) || !double.IsFinite(window.X) || !double.IsFinite(window.Y)
            || !double.IsFinite(window.Width) || !double.IsFinite(window.Height))
        {
            throw new ArgumentException("The crop window must be finite with a positive width and height.", nameof(window));
        }
        if (destination.Length != width * height * 3)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"A {width}×{height} frame needs {width * height * 3} bytes; the destination holds {destination.Length}."),
                nameof(destination));
        }

        var columns = new AxisFilter(source.Width, window.X, window.Width, width);
        var rows = new AxisFilter(source.Height, window.Y, window.Height, height);
        int firstRow = rows.FirstSourceIndex;
        int rowCount = rows.LastSourceIndex - firstRow + 1;
        int tempLength = rowCount * width * 3;
        float[] temp = ArrayPool<float>.Shared.Rent(tempLength);
        try
        {
            HorizontalPass(source, columns, firstRow, rowCount, width, temp);
            VerticalPass(rows, firstRow, width, height, temp, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(temp);
        }
    }

    private static void HorizontalPass(RgbImage source, AxisFilter columns, int firstRow, int rowCount, int width, float[] temp)
    {
        byte[] pixels = source.Pixels;
        int sourceStride = source.Width * 3;
        for (int r = 0; r < rowCount; r++)
        {
            int sourceRow = (firstRow + r) * sourceStride;
            int tempRow = r * width * 3;
            for (int x = 0; x < width; x++)
            {
                int first = columns.First[x];
                int taps = columns.Count[x];
                int weightAt = x * columns.Stride;
                float red = 0;
                float green = 0;
                float blue = 0;
                for (int k = 0; k < taps; k++)
                {
                    float w = columns.Weights[weightAt + k];
                    int at = sourceRow + ((first + k) * 3);
                    red += w * pixels[at];
                    green += w * pixels[at + 1];
                    blue += w * pixels[at + 2];
                }
                int t = tempRow + (x * 3);
                temp[t] = red;
                temp[t + 1] = green;
                temp[t + 2] = blue;
            }
        }
    }

    private static void VerticalPass(AxisFilter rows, int firstRow, int width, int height, float[] temp, Span<byte> destination)
    {
        int rowLength = width * 3;
        for (int y = 0; y < height; y++)
        {
            int first = rows.First[y] - firstRow;
            int taps = rows.Count[y];
            int weightAt = y * rows.Stride;
            Span<byte> output = destination.Slice(y * rowLength, rowLength);
            for (int i = 0; i < rowLength; i++)
            {
                float sum = 0;
                for (int k = 0; k < taps; k++)
                {
                    sum += rows.Weights[weightAt + k] * temp[((first + k) * rowLength) + i];
                }
                output[i] = ToByte(sum);
            }
        }
    }

    internal static byte ToByte(float value) =>
        value >= 255f ? (byte)255 : value > 0f ? (byte)MathF.Round(value) : (byte)0;

    /// <summary>Per output index along one axis: the first source index, the tap count and normalised weights.</summary>
    private sealed class AxisFilter
    {
        public AxisFilter(int sourceSize, double start, double length, int outputSize)
        {
            double scale = length / outputSize;
            double support = Math.Max(scale, 1.0);
            Stride = (int)Math.Ceiling(support * 2) + 2;
            First = new int[outputSize];
            Count = new int[outputSize];
            Weights = new float[outputSize * Stride];
            FirstSourceIndex = int.MaxValue;
            LastSourceIndex = int.MinValue;
            var raw = new double[Stride];
            for (int i = 0; i < outputSize; i++)
            {
                double center = start + ((i + 0.5) * scale);
                int low = Math.Max(0, (int)Math.Floor(center - support));
                int high = Math.Min(sourceSize, (int)Math.Ceiling(center + support));
                double sum = 0;
                int taps = 0;
                int first = low;
                for (int j = low; j < high; j++)
                {
                    double w = 1 - (Math.Abs(j + 0.5 - center) / support);
                    if (w <= 0)
                    {
                        if (taps == 0)
                        {
                            first = j + 1;
                        }
                        continue;
                    }
                    raw[j - first] = w;
                    taps = j - first + 1;
                    sum += w;
                }
                if (sum <= 0)
                {
                    // The window lies outside the image here: repeat the nearest edge pixel.
                    first = Math.Clamp((int)Math.Floor(center), 0, sourceSize - 1);
                    taps = 1;
                    raw[0] = 1;
                    sum = 1;
                }
                First[i] = first;
                Count[i] = taps;
                for (int k = 0; k < taps; k++)
                {
                    Weights[(i * Stride) + k] = (float)(raw[k] / sum);
                }
                FirstSourceIndex = Math.Min(FirstSourceIndex, first);
                LastSourceIndex = Math.Max(LastSourceIndex, first + taps - 1);
            }
        }

        public int Stride { get; }

        public int[] First { get; }

        public int[] Count { get; }

        public float[] Weights { get; }

        public int FirstSourceIndex { get; }

        public int LastSourceIndex { get; }
    }
}
