using System.Buffers.Binary;
using System.Text;

namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>
/// Writes the protobuf wire format: varints, fixed32 floats, and length-delimited strings, bytes and nested
/// messages. Nested messages are serialised into their own buffer first so their length prefix is known; the
/// models written here are a few megabytes, so the copy is cheap. Repeated scalars are written one field per
/// element, which is the canonical proto2 encoding for onnx.proto's unpacked fields (dims, ints, floats);
/// the schema's packed fields (float_data and kin) are never needed because tensors travel as raw_data.
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly MemoryStream _buffer = new();

    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    public void WriteInt32(int field, int value)
    {
        // Protobuf sign-extends negative int32 values to 64 bits on the wire.
        WriteInt64(field, value);
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteString(int field, string value)
    {
        WriteBytes(field, Encoding.UTF8.GetBytes(value));
    }

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteMessage(int field, Action<ProtoWriter> writeBody)
    {
        var nested = new ProtoWriter();
        writeBody(nested);
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)nested._buffer.Length);
        nested._buffer.Position = 0;
        nested._buffer.CopyTo(_buffer);
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void WriteTag(int field, int wireType)
    {
        WriteVarint(((ulong)field << 3) | (uint)wireType);
    }

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
