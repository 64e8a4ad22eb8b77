using System.Globalization;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// A dense, row-major tensor over caller-owned memory: an array or a slice of one. ONNX Runtime reads and writes
/// that memory in place (it is pinned only while a call or an I/O binding uses it), so the same tensor can be reused
/// across calls without copying.
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

    /// <summary>The elements as raw bytes, for copies to and from ONNX Runtime's own buffers.</summary>
    internal abstract Span<byte> Bytes { get; }

    /// <summary>Pins the memory and wraps it in an ONNX Runtime value that reads and writes it in place.</summary>
    internal abstract PinnedTensor PinForRuntime();

    /// <summary>A zero-filled tensor of the given element type and shape.</summary>
    internal static DenseTensor Create(TensorElementType elementType, ReadOnlySpan<long> shape) => elementType switch
    {
        TensorElementType.Float => DenseTensor<float>.Zeros(shape),
        TensorElementType.Float16 => DenseTensor<Half>.Zeros(shape),
        TensorElementType.Int32 => DenseTensor<int>.Zeros(shape),
        TensorElementType.Int64 => DenseTensor<long>.Zeros(shape),
        TensorElementType.Double => DenseTensor<double>.Zeros(shape),
        TensorElementType.UInt8 => DenseTensor<byte>.Zeros(shape),
        TensorElementType.Int8 => DenseTensor<sbyte>.Zeros(shape),
        TensorElementType.Int16 => DenseTensor<short>.Zeros(shape),
        TensorElementType.UInt16 => DenseTensor<ushort>.Zeros(shape),
        TensorElementType.UInt32 => DenseTensor<uint>.Zeros(shape),
        TensorElementType.UInt64 => DenseTensor<ulong>.Zeros(shape),
        TensorElementType.Bool => DenseTensor<bool>.Zeros(shape),
        _ => throw new NotSupportedException($"Tensors of {elementType} are not supported; the studio passes numeric and bool tensors only."),
    };

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
