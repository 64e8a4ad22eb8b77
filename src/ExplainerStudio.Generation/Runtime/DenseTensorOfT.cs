using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// A dense tensor of <typeparamref name="T"/>: <see cref="float"/>, <see cref="Half"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="byte"/>, <see cref="sbyte"/>, <see cref="short"/>,
/// <see cref="ushort"/>, <see cref="uint"/>, <see cref="ulong"/> or <see cref="bool"/>.
/// </summary>
public sealed class DenseTensor<T> : DenseTensor
    where T : unmanaged
{
    /// <summary>Wraps an array (not copied) as a tensor of the given shape.</summary>
    public DenseTensor(T[] data, params ReadOnlySpan<long> shape)
        : this(new Memory<T>(data ?? throw new ArgumentNullException(nameof(data))), shape)
    {
    }

    /// <summary>Wraps memory (not copied) as a tensor of the given shape; the memory must be an array or a slice of one.</summary>
    public DenseTensor(Memory<T> data, params ReadOnlySpan<long> shape)
        : base(shape, data.Length)
    {
        _ = ClrElementType;
        Memory = data;
    }

    private static readonly TensorElementType? SupportedType = ElementTypeOf();

    /// <summary>The ONNX element type for <typeparamref name="T"/>; throws for unsupported types.</summary>
    public static TensorElementType ClrElementType => SupportedType ?? throw new NotSupportedException(
        $"Tensors of {typeof(T).Name} are not supported; use float, Half, int, long, double, an integer type or bool.");

    /// <summary>The tensor's memory, row-major.</summary>
    public Memory<T> Memory { get; }

    /// <summary>The tensor's elements, row-major.</summary>
    public Span<T> Span => Memory.Span;

    /// <inheritdoc />
    public override TensorElementType ElementType => ClrElementType;

    /// <inheritdoc />
    public override long ByteLength => (long)Memory.Length * Unsafe.SizeOf<T>();

    /// <summary>A zero-filled tensor of the given shape over a new array.</summary>
    public static DenseTensor<T> Zeros(params ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long dim in shape)
        {
            count = checked(count * Math.Max(dim, 0));
        }

        return new DenseTensor<T>(new T[checked((int)count)], shape);
    }

    internal override Span<byte> Bytes => MemoryMarshal.AsBytes(Memory.Span);

    internal override PinnedTensor PinForRuntime()
    {
        if (!MemoryMarshal.TryGetArray((ReadOnlyMemory<T>)Memory, out ArraySegment<T> segment) || segment.Array is null)
        {
            throw new NotSupportedException("Tensors passed to ONNX Runtime must be backed by an array (or a slice of one).");
        }

        MemoryHandle pin = Memory.Pin();
        try
        {
            // The array is pinned above, so its element address stays valid until the pin is released.
            nint address = segment.Array.Length == 0 ? 0 : Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array, segment.Offset);
            var value = Ort.OrtValue.CreateTensorValueWithData(
                Ort.OrtMemoryInfo.DefaultInstance,
                (Ort.Tensors.TensorElementType)ElementType,
                ShapeSpan.ToArray(),
                address,
                ByteLength);
            return new PinnedTensor(this, pin, value);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    private static TensorElementType? ElementTypeOf()
    {
        Type t = typeof(T);
        return t == typeof(float) ? TensorElementType.Float
            : t == typeof(Half) ? TensorElementType.Float16
            : t == typeof(int) ? TensorElementType.Int32
            : t == typeof(long) ? TensorElementType.Int64
            : t == typeof(double) ? TensorElementType.Double
            : t == typeof(byte) ? TensorElementType.UInt8
            : t == typeof(sbyte) ? TensorElementType.Int8
            : t == typeof(short) ? TensorElementType.Int16
            : t == typeof(ushort) ? TensorElementType.UInt16
            : t == typeof(uint) ? TensorElementType.UInt32
            : t == typeof(ulong) ? TensorElementType.UInt64
            : t == typeof(bool) ? TensorElementType.Bool
            : null;
    }
}
