using System.Buffers;
using System.Runtime.InteropServices;

namespace ExplainerStudio.Generation.Runtime.Native;

/// <summary>Creating <c>OrtValue</c>s over pinned caller memory and copying ORT-owned tensors out.</summary>
internal static unsafe class OrtValues
{
    /// <summary>
    /// Creates a tensor value over already pinned memory. ORT does not take ownership: the memory must stay pinned
    /// until the value is released.
    /// </summary>
    public static nint CreateOverPinned(OrtLibrary library, DenseTensor tensor, MemoryHandle pinned, string operation, string? modelPath)
    {
        ReadOnlySpan<long> shape = tensor.ShapeSpan;
        nint value;
        fixed (long* shapePointer = shape)
        {
            library.Check(
                library.Api.CreateTensorWithDataAsOrtValue(
                    library.CpuMemoryInfo,
                    pinned.Pointer,
                    (nuint)tensor.ByteLength,
                    shapePointer,
                    (nuint)shape.Length,
                    tensor.ElementType,
                    &value),
                operation,
                modelPath);
        }

        return value;
    }

    /// <summary>Reads element type and shape of a tensor value.</summary>
    public static (TensorElementType ElementType, long[] Shape) Describe(OrtLibrary library, nint value, string operation, string? modelPath)
    {
        int isTensor;
        library.Check(library.Api.IsTensor(value, &isTensor), operation, modelPath);
        if (isTensor == 0)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.NotImplemented,
                $"Model '{modelPath}' produced a non-tensor output (a sequence or map); the studio only reads tensor outputs.",
                modelPath: modelPath);
        }

        nint info;
        library.Check(library.Api.GetTensorTypeAndShape(value, &info), operation, modelPath);
        try
        {
            TensorElementType elementType;
            nuint rank;
            library.Check(library.Api.GetTensorElementType(info, &elementType), operation, modelPath);
            library.Check(library.Api.GetDimensionsCount(info, &rank), operation, modelPath);
            long[] shape = new long[(int)rank];
            fixed (long* dims = shape)
            {
                library.Check(library.Api.GetDimensions(info, dims, rank), operation, modelPath);
            }

            return (elementType, shape);
        }
        finally
        {
            library.Api.ReleaseTensorTypeAndShapeInfo(info);
        }
    }

    /// <summary>The name of the memory a tensor value lives in ("Cpu", "Cuda", "CudaPinned", ...).</summary>
    public static string MemoryName(OrtLibrary library, nint value, string operation, string? modelPath)
    {
        nint memoryInfo;
        byte* name;
        library.Check(library.Api.GetTensorMemoryInfo(value, &memoryInfo), operation, modelPath);
        library.Check(library.Api.MemoryInfoGetName(memoryInfo, &name), operation, modelPath);
        return Marshal.PtrToStringUTF8((nint)name) ?? string.Empty;
    }

    /// <summary>Copies a host-resident tensor value into a new managed tensor.</summary>
    public static DenseTensor CopyToManaged(OrtLibrary library, nint value, string operation, string? modelPath)
    {
        (TensorElementType elementType, long[] shape) = Describe(library, value, operation, modelPath);
        DenseTensor result = CreateManaged(elementType, shape, modelPath);
        void* source;
        library.Check(library.Api.GetTensorMutableData(value, &source), operation, modelPath);
        using MemoryHandle target = result.Pin();
        Buffer.MemoryCopy(source, target.Pointer, result.ByteLength, result.ByteLength);
        return result;
    }

    /// <summary>A zeroed managed tensor of the given element type.</summary>
    public static DenseTensor CreateManaged(TensorElementType elementType, long[] shape, string? modelPath)
    {
        return elementType switch
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
            _ => throw new OnnxRuntimeException(
                OrtErrorCode.NotImplemented,
                $"Model '{modelPath}' produced a tensor of {elementType}, which the studio cannot read; export the model with float32, float16 or integer outputs.",
                modelPath: modelPath),
        };
    }
}
