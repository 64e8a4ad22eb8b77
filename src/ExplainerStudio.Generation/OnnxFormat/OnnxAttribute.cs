namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>A node attribute: an int, float, string, tensor, subgraph, or a list of ints or floats.</summary>
public sealed class OnnxAttribute
{
    // AttributeProto.AttributeType values from onnx.proto.
    private const int TypeFloat = 1;
    private const int TypeInt = 2;
    private const int TypeString = 3;
    private const int TypeTensor = 4;
    private const int TypeGraph = 5;
    private const int TypeFloats = 6;
    private const int TypeInts = 7;

    private readonly int _type;
    private readonly long _int;
    private readonly float _float;
    private readonly string? _string;
    private readonly OnnxTensor? _tensor;
    private readonly OnnxModelBuilder? _graph;
    private readonly long[] _ints = [];
    private readonly float[] _floats = [];

    private OnnxAttribute(string name, int type, long intValue = 0, float floatValue = 0, string? stringValue = null,
        OnnxTensor? tensor = null, long[]? ints = null, float[]? floats = null, OnnxModelBuilder? graph = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _type = type;
        _int = intValue;
        _float = floatValue;
        _string = stringValue;
        _tensor = tensor;
        _graph = graph;
        _ints = ints ?? [];
        _floats = floats ?? [];
    }

    /// <summary>The attribute's name, as the operator's schema spells it.</summary>
    public string Name { get; }

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, TypeInt, intValue: value);

    /// <summary>A float attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, TypeFloat, floatValue: value);

    /// <summary>A string attribute (UTF-8 on the wire).</summary>
    public static OnnxAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, TypeString, stringValue: value);
    }

    /// <summary>A tensor attribute, e.g. the value of a <c>Constant</c> node.</summary>
    public static OnnxAttribute Tensor(string name, OnnxTensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, TypeTensor, tensor: value);
    }

    /// <summary>A subgraph attribute, e.g. the <c>body</c> of <c>Loop</c>: the builder's graph (its inputs, nodes, outputs).</summary>
    public static OnnxAttribute Graph(string name, OnnxModelBuilder body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new(name, TypeGraph, graph: body);
    }

    /// <summary>A list-of-integers attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, TypeInts, ints: [.. values]);

    /// <summary>A list-of-floats attribute.</summary>
    public static OnnxAttribute Floats(string name, params float[] values) => new(name, TypeFloats, floats: [.. values]);

    internal void WriteTo(ProtoWriter writer)
    {
        writer.WriteString(OnnxProtoFields.AttributeName, Name);
        switch (_type)
        {
            case TypeFloat:
                writer.WriteFloat(OnnxProtoFields.AttributeFloat, _float);
                break;
            case TypeInt:
                writer.WriteInt64(OnnxProtoFields.AttributeInt, _int);
                break;
            case TypeString:
                writer.WriteString(OnnxProtoFields.AttributeString, _string!);
                break;
            case TypeGraph:
                writer.WriteMessage(OnnxProtoFields.AttributeGraph, _graph!.WriteGraph);
                break;
            case TypeTensor:
                writer.WriteMessage(OnnxProtoFields.AttributeTensor, _tensor!.WriteTo);
                break;
            case TypeFloats:
                foreach (float value in _floats)
                {
                    writer.WriteFloat(OnnxProtoFields.AttributeFloats, value);
                }

                break;
            case TypeInts:
                foreach (long value in _ints)
                {
                    writer.WriteInt64(OnnxProtoFields.AttributeInts, value);
                }

                break;
            default:
                throw new InvalidOperationException($"Attribute '{Name}' has an unsupported type {_type}.");
        }

        writer.WriteInt32(OnnxProtoFields.AttributeType, _type);
    }
}
