using System.Buffers;
using System.Globalization;
using System.Numerics;

namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// Bilinear resampling with antialiasing: a separable triangle filter whose radius widens with the reduction
/// factor when shrinking (as Pillow's BILINEAR resize does), and plain bilinear interpolation between pixel
/// centres when enlarging. Weights falling outside the source are dropped and the rest renormalised, so edges
/// are not darkened. Results are rounded half to even and clamped to 0–255.
/// </summary>
/// <remarks>Only the source rows and columns the window reaches are read. The output is made in bands of rows, in
/// parallel when the image is large: each band converts the source rows it needs to float once, filters them
/// horizontally into a scratch small enough to stay in cache, then filters vertically with <see cref="Vector{T}"/>
/// lanes across the row. Every output value sums its taps in the same order and precision as a plain scalar loop,
/// so the bytes do not depend on the machine's vector width, its core count or the band split.</remarks>
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
        Check(source, window, width, height);
        var pixels = new byte[width * height * 3];
        Run(source, window, width, height, pixels);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Resamples <paramref name="window"/> of the source into <paramref name="destination"/>, which must hold
    /// exactly <c>width × height × 3</c> bytes (an rgb24 frame).</summary>
    /// <exception cref="ArgumentException">The window is empty or not finite, or the destination has the wrong size.</exception>
    public static void Resample(RgbImage source, CropWindow window, int width, int height, Span<byte> destination)
    {
        Check(source, window, width, height);
        int length = width * height * 3;
        if (destination.Length != length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"A {width}×{height} frame needs {length} bytes; the destination holds {destination.Length}."),
                nameof(destination));
        }

        // Bands run on several threads, and a span cannot be shared with them: they fill a pooled array instead.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Run(source, window, width, height, buffer);
            buffer.AsSpan(0, length).CopyTo(destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static byte ToByte(float value) =>
        value >= 255f ? (byte)255 : value > 0f ? (byte)MathF.Round(value) : (byte)0;

    private static void Check(RgbImage source, CropWindow window, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        RgbImage.CheckDimensions(width, height);
        if (!(window.Width > 0 && window.Height > 0) || !double.IsFinite(window.X) || !double.IsFinite(window.Y)
            || !double.IsFinite(window.Width) || !double.IsFinite(window.Height))
        {
            throw new ArgumentException("The crop window must be finite with a positive width and height.", nameof(window));
        }
    }

    // About 256 KB of float scratch per band; the whole image must be several bands before threads pay for themselves.
    private const int BandValues = 1 << 16;
    private const int ParallelValues = 1 << 18;

    private static void Run(RgbImage source, CropWindow window, int width, int height, byte[] destination)
    {
        var columns = new ResamplingAxis(source.Width, window.X, window.Width, width);
        var rows = new ResamplingAxis(source.Height, window.Y, window.Height, height);
        int rowLength = width * 3;
        int bandHeight = Math.Min(height, Math.Max(4, BandValues / rowLength));
        int bands = (height + bandHeight - 1) / bandHeight;
        if (bands == 1 || (long)rowLength * height < ParallelValues || Environment.ProcessorCount == 1)
        {
            for (int band = 0; band < bands; band++)
            {
                Band(source, columns, rows, band * bandHeight, Math.Min(height, (band + 1) * bandHeight), destination);
            }

            return;
        }

        Parallel.For(0, bands, band => Band(source, columns, rows, band * bandHeight, Math.Min(height, (band + 1) * bandHeight), destination));
    }

    private static void Band(RgbImage source, ResamplingAxis columns, ResamplingAxis rows, int fromRow, int toRow, byte[] destination)
    {
        int firstSourceRow = int.MaxValue;
        int lastSourceRow = int.MinValue;
        for (int y = fromRow; y < toRow; y++)
        {
            firstSourceRow = Math.Min(firstSourceRow, rows.First[y]);
            lastSourceRow = Math.Max(lastSourceRow, rows.First[y] + rows.Count[y] - 1);
        }

        int rowLength = columns.First.Length * 3;
        int sourceRows = lastSourceRow - firstSourceRow + 1;
        int firstColumn = columns.FirstSourceIndex;
        int lineLength = (columns.LastSourceIndex - firstColumn + 1) * 3;
        int sourceStride = source.Width * 3;
        float[] line = ArrayPool<float>.Shared.Rent(lineLength);
        float[] temp = ArrayPool<float>.Shared.Rent(sourceRows * rowLength);
        try
        {
            for (int r = 0; r < sourceRows; r++)
            {
                Widen(source.Pixels.AsSpan(((firstSourceRow + r) * sourceStride) + (firstColumn * 3), lineLength), line);
                HorizontalRow(line, firstColumn, columns, temp.AsSpan(r * rowLength, rowLength));
            }

            for (int y = fromRow; y < toRow; y++)
            {
                ReadOnlySpan<float> weights = rows.Weights.AsSpan(y * rows.Stride, rows.Count[y]);
                VerticalRow(temp, (rows.First[y] - firstSourceRow) * rowLength, rowLength, weights, destination.AsSpan(y * rowLength, rowLength));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(temp);
            ArrayPool<float>.Shared.Return(line);
        }
    }

    // Bytes to float once per source row, so the filters below never convert a pixel twice.
    private static void Widen(ReadOnlySpan<byte> bytes, Span<float> values)
    {
        int i = 0;
        int lanes = Vector<byte>.Count;
        for (; i <= bytes.Length - lanes; i += lanes)
        {
            Vector.Widen(new Vector<byte>(bytes[i..]), out Vector<ushort> low, out Vector<ushort> high);
            Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
            Vector.Widen(high, out Vector<uint> c, out Vector<uint> d);
            int quarter = Vector<uint>.Count;
            Vector.ConvertToSingle(a).CopyTo(values[i..]);
            Vector.ConvertToSingle(b).CopyTo(values[(i + quarter)..]);
            Vector.ConvertToSingle(c).CopyTo(values[(i + (2 * quarter))..]);
            Vector.ConvertToSingle(d).CopyTo(values[(i + (3 * quarter))..]);
        }

        for (; i < bytes.Length; i++)
        {
            values[i] = bytes[i];
        }
    }

    private static void HorizontalRow(ReadOnlySpan<float> line, int firstColumn, ResamplingAxis columns, Span<float> output)
    {
        int[] firsts = columns.First;
        int[] counts = columns.Count;
        float[] weights = columns.Weights;
        int stride = columns.Stride;
        for (int x = 0, o = 0, w = 0; x < firsts.Length; x++, o += 3, w += stride)
        {
            int taps = counts[x];
            int at = (firsts[x] - firstColumn) * 3;
            if (taps == 2)
            {
                // Enlarging (every camera move) has two taps; the loop below would give 0 + a + b, which is a + b exactly.
                float w0 = weights[w];
                float w1 = weights[w + 1];
                output[o] = (w0 * line[at]) + (w1 * line[at + 3]);
                output[o + 1] = (w0 * line[at + 1]) + (w1 * line[at + 4]);
                output[o + 2] = (w0 * line[at + 2]) + (w1 * line[at + 5]);
                continue;
            }

            float red = 0;
            float green = 0;
            float blue = 0;
            for (int k = 0; k < taps; k++)
            {
                float weight = weights[w + k];
                int a = at + (k * 3);
                red += weight * line[a];
                green += weight * line[a + 1];
                blue += weight * line[a + 2];
            }

            output[o] = red;
            output[o + 1] = green;
            output[o + 2] = blue;
        }
    }

    private static void VerticalRow(float[] temp, int firstAt, int rowLength, ReadOnlySpan<float> weights, Span<byte> output)
    {
        int lanes = Vector<float>.Count;
        int block = lanes * 4;
        var low = Vector<float>.Zero;
        var high = new Vector<float>(255f);
        int i = 0;
        for (; i <= rowLength - block; i += block)
        {
            Vector<float> a = Vector<float>.Zero;
            Vector<float> b = Vector<float>.Zero;
            Vector<float> c = Vector<float>.Zero;
            Vector<float> d = Vector<float>.Zero;
            for (int k = 0; k < weights.Length; k++)
            {
                var w = new Vector<float>(weights[k]);
                ReadOnlySpan<float> line = temp.AsSpan(firstAt + (k * rowLength) + i, block);
                a += w * new Vector<float>(line);
                b += w * new Vector<float>(line[lanes..]);
                c += w * new Vector<float>(line[(2 * lanes)..]);
                d += w * new Vector<float>(line[(3 * lanes)..]);
            }

            Vector<ushort> ab = Vector.Narrow(ToLevels(a, low, high), ToLevels(b, low, high));
            Vector<ushort> cd = Vector.Narrow(ToLevels(c, low, high), ToLevels(d, low, high));
            Vector.Narrow(ab, cd).CopyTo(output[i..]);
        }

        for (; i < rowLength; i++)
        {
            float sum = 0;
            for (int k = 0; k < weights.Length; k++)
            {
                sum += weights[k] * temp[firstAt + (k * rowLength) + i];
            }

            output[i] = ToByte(sum);
        }
    }

    // Round half to even, then clamp: lane by lane the same bytes as ToByte.
    private static Vector<uint> ToLevels(Vector<float> value, Vector<float> low, Vector<float> high) =>
        Vector.ConvertToUInt32(Vector.Min(Vector.Max(Vector.Round(value), low), high));
}
