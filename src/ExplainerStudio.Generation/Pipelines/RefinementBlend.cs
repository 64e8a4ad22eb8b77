using System.Numerics;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// A clip's frames between two refined anchors: the keyframe moved to the frame plus what refinement changed at the
/// anchors, blended by the frame's distance to each (<see cref="DiffusionPipeline.RenderShotAsync(GenerationRequest, int, Func{RgbImage, int, int, RgbImage}, float, int, IProgress{GenerationProgress}?, CancellationToken)"/>).
/// </summary>
internal static class RefinementBlend
{
    /// <summary>What refinement changed, per byte: <c>after − before</c>.</summary>
    public static short[] Change(RgbImage before, RgbImage after)
    {
        byte[] b = before.Pixels;
        byte[] a = after.Pixels;
        var change = new short[b.Length];
        for (int i = 0; i < change.Length; i++)
        {
            change[i] = (short)(a[i] - b[i]);
        }

        return change;
    }

    /// <summary><c>moved + ((1 − w)·from + w·to)</c> per byte, clamped to 0–255, with <paramref name="weight"/> in
    /// 1/256ths: integer arithmetic keeps the blend exact and the same on every platform and vector width.</summary>
    public static RgbImage Blend(RgbImage moved, short[] from, short[] to, double weight)
    {
        int w = (int)Math.Round(weight * 256, MidpointRounding.AwayFromZero);
        byte[] source = moved.Pixels;
        var pixels = new byte[source.Length];
        var keep = new Vector<int>(256 - w);
        var take = new Vector<int>(w);
        var half = new Vector<int>(128);
        var zero = Vector<int>.Zero;
        var full = new Vector<int>(255);
        int lanes = Vector<byte>.Count;
        int i = 0;
        for (; i <= pixels.Length - lanes; i += lanes)
        {
            Vector.Widen(new Vector<byte>(source.AsSpan(i)), out Vector<ushort> s0, out Vector<ushort> s1);
            Vector.Widen(s0, out Vector<uint> p0, out Vector<uint> p1);
            Vector.Widen(s1, out Vector<uint> p2, out Vector<uint> p3);
            int shorts = Vector<short>.Count;
            Vector.Widen(new Vector<short>(from.AsSpan(i)), out Vector<int> f0, out Vector<int> f1);
            Vector.Widen(new Vector<short>(from.AsSpan(i + shorts)), out Vector<int> f2, out Vector<int> f3);
            Vector.Widen(new Vector<short>(to.AsSpan(i)), out Vector<int> t0, out Vector<int> t1);
            Vector.Widen(new Vector<short>(to.AsSpan(i + shorts)), out Vector<int> t2, out Vector<int> t3);
            Vector<uint> r0 = Level(p0, f0, t0, keep, take, half, zero, full);
            Vector<uint> r1 = Level(p1, f1, t1, keep, take, half, zero, full);
            Vector<uint> r2 = Level(p2, f2, t2, keep, take, half, zero, full);
            Vector<uint> r3 = Level(p3, f3, t3, keep, take, half, zero, full);
            Vector.Narrow(Vector.Narrow(r0, r1), Vector.Narrow(r2, r3)).CopyTo(pixels.AsSpan(i));
        }

        for (; i < pixels.Length; i++)
        {
            int delta = (((256 - w) * from[i]) + (w * to[i]) + 128) >> 8;
            pixels[i] = (byte)Math.Clamp(source[i] + delta, 0, 255);
        }

        return new RgbImage(moved.Width, moved.Height, pixels);
    }

    private static Vector<uint> Level(Vector<uint> pixel, Vector<int> from, Vector<int> to, Vector<int> keep, Vector<int> take, Vector<int> half, Vector<int> zero, Vector<int> full)
    {
        Vector<int> delta = Vector.ShiftRightArithmetic((keep * from) + (take * to) + half, 8);
        return Vector.AsVectorUInt32(Vector.Min(Vector.Max(Vector.AsVectorInt32(pixel) + delta, zero), full));
    }
}
