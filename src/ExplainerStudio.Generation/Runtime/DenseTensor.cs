using System.Buffers;
using System.Globalization;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// A dense, row-major tensor over caller-owned memory (a managed array or any <see cref="Memory{T}"/>, including
/// native memory through a <see cref="MemoryManager{T}"/>). The binding pins the memory only for the duration of a
/// call, so the same tensor can be reused across calls without copying.
/// </summary>
public abstract class DenseTensor
{
    private readonly long[] _shape;

    private protected DenseTensor(ReadOnlySpan<long> shape, long availableElements)
    {
        _shape = shape.ToArray();
        ElementCount = CountElements(_shape);
        if (ElementCount != availableElements)
        {
            throw new ArgumentException(
                $"A tensor of shape {FormatShape(_shape)} needs {ElementCount.ToString(CultureInfo.InvariantCulture)} elements but its buffer holds {availableElements.ToString(CultureInfo.InvariantCulture)}.",
                nameof(shape));
        }
    }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The product of the dimensions (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The ONNX element type matching the CLR element type.</summary>
    public abstract TensorElementType ElementType { get; }

    /// <summary>The size of the data in bytes.</summary>
    public abstract long ByteLength { get; }

    internal ReadOnlySpan<long> ShapeSpan => _shape;

    /// <summary>This tensor as a typed tensor; throws a clear message when the element type differs.</summary>
    public DenseTensor<T> As<T>()
        where T : unmanaged
    {
        return this as DenseTensor<T> ?? throw new InvalidCastException(
            $"The tensor holds {ElementType} elements, not {DenseTensor<T>.ClrElementType}; convert it before reading it as {typeof(T).Name}.");
    }

    /// <summary>Formats a shape as <c>[1,4,64,64]</c>.</summary>
    public static string FormatShape(IEnumerable<long> shape)
    {
        return "[" + string.Join(",", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
    }

    internal abstract MemoryHandle Pin();

    private static long CountElements(long[] shape)
    {
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Tensor dimensions must be zero or positive; got {FormatShape(shape)}.", nameof(shape));
            }

            count = checked(count * dim);
        }

        return count;
    }
}
