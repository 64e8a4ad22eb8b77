using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ExplainerStudio.Media.Video;

/// <summary>
/// Converts rgb24 frames to planar yuv420p (BT.709, limited range) in-process, so ffmpeg receives half the bytes and
/// spends no time in its scaler: on a CPU-only studio the encoder competes with the renders for the same cores. Luma is
/// exact to the nearest step; each chroma sample is sited as H.264 assumes by default (on the even column, between the
/// two rows), filtered [1 2 1] across and [1 1] down.
/// </summary>
public static class Yuv420Converter
{
    // The BT.709 limited-range matrix in 15-bit fixed point; each row is rounded so that it sums exactly to what it must
    // (219/255 for luma, 0 for chroma), which keeps greys neutral and maps 0 and 255 to 16 and 235 exactly. Chroma stays
    // within 128 ± 112 for any input, so no result needs clamping.
    private const int Shift = 15;
    private const int YR = 5983;
    private const int YG = 20127;
    private const int YB = 2032;
    private const int UR = -3298;
    private const int UG = -11094;
    private const int UB = 14392;
    private const int VR = 14392;
    private const int VG = -13072;
    private const int VB = -1320;

    // Chroma sums eight weighted pixels ([1 2 1] across two rows): three more bits.
    private const int ChromaShift = Shift + 3;

    /// <summary>Bytes in one yuv420p frame of an even <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static int FrameSize(int width, int height) => (width * height) + (2 * (width / 2) * (height / 2));

    /// <summary>Writes the Y, U and V planes of <paramref name="rgb"/> into <paramref name="yuv"/>.</summary>
    /// <exception cref="ArgumentException">A side is odd or not positive, or a buffer has the wrong size.</exception>
    public static void Convert(ReadOnlySpan<byte> rgb, int width, int height, Span<byte> yuv)
    {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"yuv420p needs positive, even sides; {width}x{height} is not."));
        }
        if (rgb.Length != width * height * 3 || yuv.Length != FrameSize(width, height))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"A {width}x{height} frame needs {width * height * 3} rgb24 bytes and {FrameSize(width, height)} yuv420p bytes; got {rgb.Length} and {yuv.Length}."));
        }

        int stride = width * 3;
        int chromaWidth = width / 2;
        int chromaHeight = height / 2;
        Span<byte> luma = yuv[..(width * height)];
        Span<byte> u = yuv.Slice(width * height, chromaWidth * chromaHeight);
        Span<byte> v = yuv.Slice((width * height) + (chromaWidth * chromaHeight), chromaWidth * chromaHeight);
        for (int row = 0; row < chromaHeight; row++)
        {
            ReadOnlySpan<byte> top = rgb.Slice(2 * row * stride, stride);
            ReadOnlySpan<byte> bottom = rgb.Slice(((2 * row) + 1) * stride, stride);
            Luma(top, luma.Slice(2 * row * width, width));
            Luma(bottom, luma.Slice(((2 * row) + 1) * width, width));
            Chroma(top, bottom, u.Slice(row * chromaWidth, chromaWidth), v.Slice(row * chromaWidth, chromaWidth));
        }
    }

    // The lengths were checked by the caller; reading through refs lets the loop run without bounds checks.
    private static void Luma(ReadOnlySpan<byte> rgb, Span<byte> y)
    {
        ref byte source = ref MemoryMarshal.GetReference(rgb);
        ref byte target = ref MemoryMarshal.GetReference(y);
        for (int x = 0; x < y.Length; x++)
        {
            ref byte pixel = ref Unsafe.Add(ref source, x * 3);
            int value = (YR * pixel) + (YG * Unsafe.Add(ref pixel, 1)) + (YB * Unsafe.Add(ref pixel, 2));
            Unsafe.Add(ref target, x) = (byte)(16 + ((value + (1 << (Shift - 1))) >> Shift));
        }
    }

    private static void Chroma(ReadOnlySpan<byte> top, ReadOnlySpan<byte> bottom, Span<byte> u, Span<byte> v)
    {
        ref byte upper = ref MemoryMarshal.GetReference(top);
        ref byte lower = ref MemoryMarshal.GetReference(bottom);
        ref byte uTarget = ref MemoryMarshal.GetReference(u);
        ref byte vTarget = ref MemoryMarshal.GetReference(v);
        const int Half = 1 << (ChromaShift - 1);
        for (int column = 0; column < u.Length; column++)
        {
            int x = 2 * column * 3;
            // The left neighbour of the first column is the column itself (the edge repeated).
            int left = column == 0 ? x : x - 3;
            int r = Sum(ref upper, ref lower, left, x);
            int g = Sum(ref upper, ref lower, left + 1, x + 1);
            int b = Sum(ref upper, ref lower, left + 2, x + 2);
            Unsafe.Add(ref uTarget, column) = (byte)(128 + (((UR * r) + (UG * g) + (UB * b) + Half) >> ChromaShift));
            Unsafe.Add(ref vTarget, column) = (byte)(128 + (((VR * r) + (VG * g) + (VB * b) + Half) >> ChromaShift));
        }
    }

    /// <summary>One channel over [1 2 1] across and both rows: weights sum to 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Sum(ref byte upper, ref byte lower, int left, int centre) =>
        Unsafe.Add(ref upper, left) + (2 * Unsafe.Add(ref upper, centre)) + Unsafe.Add(ref upper, centre + 3)
        + Unsafe.Add(ref lower, left) + (2 * Unsafe.Add(ref lower, centre)) + Unsafe.Add(ref lower, centre + 3);
}
