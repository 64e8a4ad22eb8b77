using System.Buffers.Binary;
using System.Text;

namespace ExplainerStudio.Generation.Tests.OnnxFormat;

/// <summary>
/// An independent protobuf wire-format decoder for tests: reads one message level into its fields so tests
/// can check what the writer put where, field number by field number.
/// </summary>
internal sealed class ProtoReader
{
    private readonly List<(int Field, int Wire, ulong Varint, byte[] Bytes)> _fields = [];

    public ProtoReader(ReadOnlySpan<byte> message)
    {
        int position = 0;
        while (position < message.Length)
        {
            ulong tag = ReadVarint(message, ref position);
            int field = (int)(tag >> 3);
            int wire = (int)(tag & 7);
            switch (wire)
            {
                case 0:
                    _fields.Add((field, wire, ReadVarint(message, ref position), []));
                    break;
                case 2:
                    int length = checked((int)ReadVarint(message, ref position));
                    _fields.Add((field, wire, 0, message.Slice(position, length).ToArray()));
                    position += length;
                    break;
                case 5:
                    _fields.Add((field, wire, 0, message.Slice(position, 4).ToArray()));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected wire type {wire} for field {field} at byte {position}.");
            }
        }
    }

    public IReadOnlyList<int> FieldNumbers => _fields.Select(f => f.Field).ToList();

    public long Int(int field) => unchecked((long)Single(field, 0).Varint);

    public IReadOnlyList<long> Ints(int field) => All(field, 0).Select(f => unchecked((long)f.Varint)).ToList();

    public float Float(int field) => BinaryPrimitives.ReadSingleLittleEndian(Single(field, 5).Bytes);

    public IReadOnlyList<float> Floats(int field) => All(field, 5).Select(f => BinaryPrimitives.ReadSingleLittleEndian(f.Bytes)).ToList();

    public string String(int field) => Encoding.UTF8.GetString(Single(field, 2).Bytes);

    public IReadOnlyList<string> Strings(int field) => All(field, 2).Select(f => Encoding.UTF8.GetString(f.Bytes)).ToList();

    public byte[] Bytes(int field) => Single(field, 2).Bytes;

    public ProtoReader Message(int field) => new(Single(field, 2).Bytes);

    public IReadOnlyList<ProtoReader> Messages(int field) => All(field, 2).Select(f => new ProtoReader(f.Bytes)).ToList();

    public bool Has(int field) => _fields.Any(f => f.Field == field);

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Varint longer than 10 bytes.");
    }

    private (int Field, int Wire, ulong Varint, byte[] Bytes) Single(int field, int wire)
    {
        var matches = All(field, wire).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one field {field} (wire {wire}), found {matches.Count}.");
        return matches[0];
    }

    private IEnumerable<(int Field, int Wire, ulong Varint, byte[] Bytes)> All(int field, int wire)
    {
        var matches = _fields.Where(f => f.Field == field).ToList();
        Assert.All(matches, f => Assert.Equal(wire, f.Wire));
        return matches;
    }
}
