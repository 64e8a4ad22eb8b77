using System.Buffers.Binary;

namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>
/// A constant tensor (an initializer or a tensor attribute), stored as little-endian <c>raw_data</c> as
/// ONNX requires regardless of the host's byte order.
/// </summary>
public sealed class OnnxTensor
{
    // TensorProto.DataLocation.EXTERNAL from onnx.proto.
    private const int ExternalLocation = 1;

    private readonly long[] _dims;
    private readonly byte[] _rawData;
    private readonly (string Location, long Offset, long Length)? _external;

    private OnnxTensor(string name, OnnxElementType elementType, long[] dims, byte[] rawData,
        (string Location, long Offset, long Length)? external = null)
    {
        Name = name;
        ElementType = elementType;
        _dims = dims;
        _rawData = rawData;
        _external = external;
    }

    /// <summary>The tensor's name; initializers are referenced by it, tensor attributes may leave it empty.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The shape; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims => _dims;

    /// <summary>The elements, little-endian, row-major.</summary>
    public ReadOnlyMemory<byte> RawData => _rawData;

    /// <summary>A float32 tensor.</summary>
    public static OnnxTensor FromFloat(string name, ReadOnlySpan<long> dims, ReadOnlySpan<float> values)
    {
        byte[] raw = new byte[checked(values.Length * sizeof(float))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return Create(name, OnnxElementType.Float, dims, values.Length, raw);
    }

    /// <summary>A float16 tensor.</summary>
    public static OnnxTensor FromHalf(string name, ReadOnlySpan<long> dims, ReadOnlySpan<Half> values)
    {
        byte[] raw = new byte[checked(values.Length * 2)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(raw.AsSpan(i * 2), values[i]);
        }

        return Create(name, OnnxElementType.Float16, dims, values.Length, raw);
    }

    /// <summary>An int64 tensor.</summary>
    public static OnnxTensor FromInt64(string name, ReadOnlySpan<long> dims, ReadOnlySpan<long> values)
    {
        byte[] raw = new byte[checked(values.Length * sizeof(long))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }

        return Create(name, OnnxElementType.Int64, dims, values.Length, raw);
    }

    /// <summary>An int32 tensor.</summary>
    public static OnnxTensor FromInt32(string name, ReadOnlySpan<long> dims, ReadOnlySpan<int> values)
    {
        byte[] raw = new byte[checked(values.Length * sizeof(int))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(i * sizeof(int)), values[i]);
        }

        return Create(name, OnnxElementType.Int32, dims, values.Length, raw);
    }

    /// <summary>A float32 scalar (rank 0).</summary>
    /// <summary>
    /// A tensor whose little-endian bytes live in a side file next to the model (ONNX external data), as models
    /// over protobuf's 2 GB limit need. <paramref name="location"/> is relative to the model file's folder.
    /// </summary>
    public static OnnxTensor External(string name, OnnxElementType elementType, ReadOnlySpan<long> dims, string location, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new OnnxTensor(name, elementType, dims.ToArray(), [], (location, offset, length));
    }

    public static OnnxTensor Scalar(string name, float value) => FromFloat(name, [], [value]);

    /// <summary>An int64 vector (rank 1), the usual form of shape and axes operands.</summary>
    public static OnnxTensor Vector(string name, params long[] values) => FromInt64(name, [values.Length], values);

    internal void WriteTo(ProtoWriter writer)
    {
        foreach (long dim in _dims)
        {
            writer.WriteInt64(OnnxProtoFields.TensorDims, dim);
        }

        writer.WriteInt32(OnnxProtoFields.TensorDataType, (int)ElementType);
        if (Name.Length > 0)
        {
            writer.WriteString(OnnxProtoFields.TensorName, Name);
        }

        if (_external is (string location, long offset, long length))
        {
            WriteEntry(writer, "location", location);
            WriteEntry(writer, "offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteEntry(writer, "length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteInt32(OnnxProtoFields.TensorDataLocation, ExternalLocation);
            return;
        }

        writer.WriteBytes(OnnxProtoFields.TensorRawData, _rawData);
    }

    private static void WriteEntry(ProtoWriter writer, string key, string value) =>
        writer.WriteMessage(OnnxProtoFields.TensorExternalData, entry =>
        {
            entry.WriteString(OnnxProtoFields.StringEntryKey, key);
            entry.WriteString(OnnxProtoFields.StringEntryValue, value);
        });

    private static OnnxTensor Create(string name, OnnxElementType type, ReadOnlySpan<long> dims, int count, byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(name);
        long expected = 1;
        foreach (long dim in dims)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Tensor '{name}' has a negative dimension ({dim}); constant tensors need fixed sizes.", nameof(dims));
            }

            expected = checked(expected * dim);
        }

        if (expected != count)
        {
            throw new ArgumentException(
                $"Tensor '{name}' has shape [{string.Join(",", dims.ToArray())}] ({expected} elements) but {count} values were given.",
                nameof(dims));
        }

        return new OnnxTensor(name, type, dims.ToArray(), raw);
    }
}
