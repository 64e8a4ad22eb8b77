using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// Moves float data in and out of model tensors whose element type the pack decides (float32 or float16), without
/// allocating, so the loop works in float whatever precision the graphs use.
/// </summary>
internal static class TensorConversion
{
    /// <summary>A zeroed float32 or float16 tensor.</summary>
    public static DenseTensor CreateFloating(TensorElementType type, params ReadOnlySpan<long> shape) => type switch
    {
        TensorElementType.Float => DenseTensor<float>.Zeros(shape),
        TensorElementType.Float16 => DenseTensor<Half>.Zeros(shape),
        _ => throw new NotSupportedException($"Expected a float32 or float16 tensor, not {type}."),
    };

    /// <summary>Writes <paramref name="source"/> × <paramref name="scale"/> into the tensor from element <paramref name="offset"/>.</summary>
    public static void Write(ReadOnlySpan<float> source, DenseTensor target, int offset = 0, float scale = 1f)
    {
        switch (target)
        {
            case DenseTensor<float> single:
                Span<float> singles = single.Span.Slice(offset, source.Length);
                if (scale == 1f)
                {
                    source.CopyTo(singles);
                }
                else
                {
                    for (int i = 0; i < source.Length; i++)
                    {
                        singles[i] = source[i] * scale;
                    }
                }

                break;
            case DenseTensor<Half> half:
                Span<Half> halves = half.Span.Slice(offset, source.Length);
                for (int i = 0; i < source.Length; i++)
                {
                    halves[i] = (Half)(source[i] * scale);
                }

                break;
            default:
                throw new NotSupportedException($"Expected a float32 or float16 tensor, not {target.ElementType}.");
        }
    }

    /// <summary>Reads the whole tensor as floats into <paramref name="destination"/>.</summary>
    public static void Read(DenseTensor source, Span<float> destination)
    {
        switch (source)
        {
            case DenseTensor<float> single:
                single.Span.CopyTo(destination);
                break;
            case DenseTensor<Half> half:
                ReadOnlySpan<Half> halves = half.Span;
                for (int i = 0; i < halves.Length; i++)
                {
                    destination[i] = (float)halves[i];
                }

                break;
            default:
                throw new NotSupportedException($"Expected a float32 or float16 tensor, not {source.ElementType}.");
        }
    }

    /// <summary>The whole tensor as a new float array.</summary>
    public static float[] ToArray(DenseTensor source)
    {
        float[] result = new float[source.ElementCount];
        Read(source, result);
        return result;
    }

    /// <summary>Token ids as the text encoder's int32 or int64 tensor [1, n].</summary>
    public static DenseTensor TokenIds(int[] ids, TensorElementType type) => type switch
    {
        TensorElementType.Int32 => new DenseTensor<int>(ids, 1, ids.Length),
        TensorElementType.Int64 => new DenseTensor<long>(ids.Select(i => (long)i).ToArray(), 1, ids.Length),
        _ => throw new NotSupportedException($"Token ids must be int32 or int64, not {type}."),
    };
}
