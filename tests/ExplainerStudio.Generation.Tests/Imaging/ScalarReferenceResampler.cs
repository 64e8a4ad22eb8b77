using System.Buffers;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

/// <summary>
/// The resampler as it was before it was vectorised and parallelised: one scalar horizontal pass, then a scalar
/// vertical pass that walks the temporary rows column by column. Kept only as the reference the fast one must equal.
/// </summary>
internal static class ScalarReferenceResampler
{
    public static RgbImage Resample(RgbImage source, CropWindow window, int width, int height)
    {
        var destination = new byte[width * height * 3];
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

        return new RgbImage(width, height, destination);
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

    private static void VerticalPass(AxisFilter rows, int firstRow, int width, int height, float[] temp, byte[] destination)
    {
        int rowLength = width * 3;
        for (int y = 0; y < height; y++)
        {
            int first = rows.First[y] - firstRow;
            int taps = rows.Count[y];
            int weightAt = y * rows.Stride;
            Span<byte> output = destination.AsSpan(y * rowLength, rowLength);
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

    private static byte ToByte(float value) =>
        value >= 255f ? (byte)255 : value > 0f ? (byte)MathF.Round(value) : (byte)0;

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
