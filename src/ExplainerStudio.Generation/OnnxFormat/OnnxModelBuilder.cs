namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>
/// Builds an ONNX model file (one graph) without any protobuf library. The output depends only on the calls
/// made, in order, so the same calls always give the same bytes.
/// </summary>
/// <example>
/// <code>
/// byte[] model = new OnnxModelBuilder("add")
///     .AddInput("a", OnnxElementType.Float, "batch", 3)
///     .AddInput("b", OnnxElementType.Float, "batch", 3)
///     .AddNode("Add", ["a", "b"], ["sum"])
///     .AddOutput("sum", OnnxElementType.Float, "batch", 3)
///     .ToBytes();
/// </code>
/// </example>
public sealed class OnnxModelBuilder
{
    /// <summary>IR version 8 (ONNX 1.10+), which ONNX Runtime 1.30 and every recent exporter accept.</summary>
    public const long DefaultIrVersion = 8;

    /// <summary>Default-domain opset 17, the newest that IR version 8 allows.</summary>
    public const long DefaultOpsetVersion = 17;

    private readonly string _graphName;
    private readonly List<(string Domain, long Version)> _opsets = [];
    private readonly List<(string Key, string Value)> _metadata = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxNode> _nodes = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private long _irVersion = DefaultIrVersion;
    private string _producerName = "ExplainerStudio";
    private string _producerVersion = string.Empty;
    private string _docString = string.Empty;
    private int _generatedNames;

    /// <summary>Starts a model whose single graph has the given name.</summary>
    public OnnxModelBuilder(string graphName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        _graphName = graphName;
    }

    /// <summary>The graph's nodes so far, in order.</summary>
    public IReadOnlyList<OnnxNode> Nodes => _nodes;

    /// <summary>The graph's initializers so far, in order.</summary>
    public IReadOnlyList<OnnxTensor> Initializers => _initializers;

    /// <summary>Sets the IR version (default <see cref="DefaultIrVersion"/>).</summary>
    public OnnxModelBuilder WithIrVersion(long irVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(irVersion, 3);
        _irVersion = irVersion;
        return this;
    }

    /// <summary>
    /// Imports an operator set. Without any call the model imports the default domain at
    /// <see cref="DefaultOpsetVersion"/>.
    /// </summary>
    public OnnxModelBuilder WithOpset(long version, string domain = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(domain);
        _opsets.RemoveAll(o => o.Domain == domain);
        _opsets.Add((domain, version));
        return this;
    }

    /// <summary>Sets the producer name and version recorded in the model.</summary>
    public OnnxModelBuilder WithProducer(string name, string version)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        _producerName = name;
        _producerVersion = version;
        return this;
    }

    /// <summary>Sets the model's documentation string.</summary>
    public OnnxModelBuilder WithDocString(string docString)
    {
        ArgumentNullException.ThrowIfNull(docString);
        _docString = docString;
        return this;
    }

    /// <summary>Adds a metadata key/value pair (ModelProto.metadata_props), kept in call order.</summary>
    public OnnxModelBuilder WithMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata.Add((key, value));
        return this;
    }

    /// <summary>Declares a graph input; no dimensions means a scalar.</summary>
    public OnnxModelBuilder AddInput(string name, OnnxElementType elementType, params OnnxDim[] shape)
    {
        Claim(name);
        _inputs.Add(new OnnxValueInfo(name, elementType, [.. shape]));
        return this;
    }

    /// <summary>Declares a graph output, which some node must produce; no dimensions means a scalar.</summary>
    public OnnxModelBuilder AddOutput(string name, OnnxElementType elementType, params OnnxDim[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _outputs.Add(new OnnxValueInfo(name, elementType, [.. shape]));
        return this;
    }

    /// <summary>Adds a constant tensor that nodes refer to by its name.</summary>
    public OnnxModelBuilder AddInitializer(OnnxTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Claim(tensor.Name);
        _initializers.Add(tensor);
        return this;
    }

    /// <summary>Adds a node. An empty input name marks an omitted optional input, as in ONNX.</summary>
    public OnnxModelBuilder AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        params OnnxAttribute[] attributes)
    {
        return AddNode(opType, inputs, outputs, string.Empty, attributes);
    }

    /// <summary>Adds a node of a custom operator domain (the domain must also be imported with <see cref="WithOpset"/>).</summary>
    public OnnxModelBuilder AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        string domain, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(domain);
        if (outputs.Count == 0)
        {
            throw new ArgumentException($"A '{opType}' node needs at least one output name.", nameof(outputs));
        }

        foreach (string output in outputs)
        {
            Claim(output);
        }

        string nodeName = $"{opType}_{_nodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        _nodes.Add(new OnnxNode(opType, [.. inputs], [.. outputs], nodeName, domain, [.. attributes]));
        return this;
    }

    /// <summary>
    /// Adds a single-output node whose output gets a generated name, and returns that name, so graphs can be
    /// written as nested expressions.
    /// </summary>
    public string Apply(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        string output = NewName(opType);
        AddNode(opType, inputs, [output], attributes);
        return output;
    }

    /// <summary>Adds a constant tensor and returns its name.</summary>
    public string Constant(OnnxTensor tensor)
    {
        AddInitializer(tensor);
        return tensor.Name;
    }

    /// <summary>Returns a value name that is not used yet, starting with <paramref name="prefix"/>.</summary>
    public string NewName(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        string name;
        do
        {
            name = $"{prefix}_{(_generatedNames++).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        while (_names.Contains(name));

        return name;
    }

    /// <summary>Serialises the model.</summary>
    public byte[] ToBytes()
    {
        if (_outputs.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{_graphName}' has no outputs; call AddOutput before writing it.");
        }

        var writer = new ProtoWriter();
        writer.WriteInt64(OnnxProtoFields.ModelIrVersion, _irVersion);
        writer.WriteString(OnnxProtoFields.ModelProducerName, _producerName);
        if (_producerVersion.Length > 0)
        {
            writer.WriteString(OnnxProtoFields.ModelProducerVersion, _producerVersion);
        }

        if (_docString.Length > 0)
        {
            writer.WriteString(OnnxProtoFields.ModelDocString, _docString);
        }

        writer.WriteMessage(OnnxProtoFields.ModelGraph, WriteGraph);
        IEnumerable<(string Domain, long Version)> opsets = _opsets.Count > 0 ? _opsets : [(string.Empty, DefaultOpsetVersion)];
        foreach ((string domain, long version) in opsets)
        {
            writer.WriteMessage(OnnxProtoFields.ModelOpsetImport, opset =>
            {
                opset.WriteString(OnnxProtoFields.OpsetDomain, domain);
                opset.WriteInt64(OnnxProtoFields.OpsetVersion, version);
            });
        }

        foreach ((string key, string value) in _metadata)
        {
            writer.WriteMessage(OnnxProtoFields.ModelMetadataProps, entry =>
            {
                entry.WriteString(OnnxProtoFields.StringEntryKey, key);
                entry.WriteString(OnnxProtoFields.StringEntryValue, value);
            });
        }

        return writer.ToArray();
    }

    /// <summary>Serialises the model to a file, creating its folder if needed.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, ToBytes());
    }

    internal void WriteGraph(ProtoWriter graph)
    {
        foreach (OnnxNode node in _nodes)
        {
            graph.WriteMessage(OnnxProtoFields.GraphNode, node.WriteTo);
        }

        graph.WriteString(OnnxProtoFields.GraphName, _graphName);
        foreach (OnnxTensor initializer in _initializers)
        {
            graph.WriteMessage(OnnxProtoFields.GraphInitializer, initializer.WriteTo);
        }

        foreach (OnnxValueInfo input in _inputs)
        {
            graph.WriteMessage(OnnxProtoFields.GraphInput, input.WriteTo);
        }

        foreach (OnnxValueInfo output in _outputs)
        {
            graph.WriteMessage(OnnxProtoFields.GraphOutput, output.WriteTo);
        }
    }

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"The value name '{name}' is already used in graph '{_graphName}'; every input, initializer and node output needs its own name.", nameof(name));
        }
    }
}
