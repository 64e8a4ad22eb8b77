using Ort = Microsoft.ML.OnnxRuntime;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// One loaded ONNX model: an <see cref="Ort.InferenceSession"/> with its inputs, outputs and metadata read at load.
/// Sessions are created and cached by <see cref="OnnxRuntime.GetSession"/> and released when the runtime is disposed.
/// <c>Run</c> may be called from several threads at once.
/// </summary>
public sealed class ModelSession
{
    private readonly Ort.InferenceSession _session;
    private readonly SessionLease _lease;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;
    private readonly string _runOperation;

    internal ModelSession(Ort.InferenceSession session, string modelPath, ExecutionProviderKind provider, int deviceId)
    {
        _session = session;
        _lease = new SessionLease(session, modelPath);
        ModelPath = modelPath;
        Provider = provider;
        DeviceId = deviceId;
        _runOperation = $"run model '{modelPath}'";
        try
        {
            Inputs = session.InputNames.Select(name => Describe(name, session.InputMetadata[name])).ToArray();
            Outputs = session.OutputNames.Select(name => Describe(name, session.OutputMetadata[name])).ToArray();
            CustomMetadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw OrtFailure.From(e, $"read the inputs, outputs and metadata of model '{modelPath}'", modelPath);
        }

        _inputIndex = Index(Inputs);
        _outputIndex = Index(Outputs);
    }

    /// <summary>The model file this session was created from (full path).</summary>
    public string ModelPath { get; }

    /// <summary>The execution provider the session was created with.</summary>
    public ExecutionProviderKind Provider { get; }

    /// <summary>The model's inputs in graph order.</summary>
    public IReadOnlyList<TensorMetadata> Inputs { get; }

    /// <summary>The model's outputs in graph order.</summary>
    public IReadOnlyList<TensorMetadata> Outputs { get; }

    /// <summary>The model's custom metadata (<c>metadata_props</c>).</summary>
    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    internal int DeviceId { get; }

    internal Ort.InferenceSession Session => _session;

    internal SessionLease Lease => _lease;

    /// <summary>True when the model has an input of that name.</summary>
    public bool HasInput(string name) => _inputIndex.ContainsKey(name);

    /// <summary>True when the model has an output of that name.</summary>
    public bool HasOutput(string name) => _outputIndex.ContainsKey(name);

    /// <summary>The input of that name; throws a message listing the model's inputs when there is none.</summary>
    public TensorMetadata GetInput(string name) => _inputIndex.TryGetValue(name, out int index)
        ? Inputs[index]
        : throw UnknownName("input", name, Inputs);

    /// <summary>The output of that name; throws a message listing the model's outputs when there is none.</summary>
    public TensorMetadata GetOutput(string name) => _outputIndex.TryGetValue(name, out int index)
        ? Outputs[index]
        : throw UnknownName("output", name, Outputs);

    /// <summary>Runs the model and returns every output (or the named ones) as new managed tensors.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the run.</exception>
    /// <exception cref="OnnxRuntimeException">An input is missing, misnamed or mistyped, or ONNX Runtime failed.</exception>
    public IReadOnlyDictionary<string, DenseTensor> Run(
        IReadOnlyDictionary<string, DenseTensor> inputs,
        IReadOnlyList<string>? outputNames = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string[] names = outputNames is null
            ? Outputs.Select(o => o.Name).ToArray()
            : outputNames.Select(n => GetOutput(n).Name).ToArray();
        CheckInputs(inputs);
        using var pinned = new PinnedTensors(inputs);
        _lease.Enter();
        try
        {
            using var scope = new RunScope(cancellationToken);
            Ort.IDisposableReadOnlyCollection<Ort.OrtValue> values;
            try
            {
                values = _session.Run(scope.Options, pinned.Names, pinned.Values, names);
            }
            catch (Ort.OnnxRuntimeException e)
            {
                throw scope.Failure(e, _runOperation, ModelPath);
            }

            using (values)
            {
                var result = new Dictionary<string, DenseTensor>(names.Length, StringComparer.Ordinal);
                int i = 0;
                foreach (Ort.OrtValue value in values)
                {
                    result[names[i++]] = CopyToManaged(value, ModelPath);
                }

                return result;
            }
        }
        finally
        {
            _lease.Exit();
        }
    }

    /// <summary>
    /// Runs the model writing the named outputs into caller-allocated tensors (shapes and types must match what the
    /// model produces), so repeated runs allocate nothing proportional to the tensor sizes.
    /// </summary>
    public void RunInto(
        IReadOnlyDictionary<string, DenseTensor> inputs,
        IReadOnlyDictionary<string, DenseTensor> outputs,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        foreach ((string name, DenseTensor tensor) in outputs)
        {
            CheckTensor("output", GetOutput(name), tensor);
        }

        CheckInputs(inputs);
        using var pinnedInputs = new PinnedTensors(inputs);
        using var pinnedOutputs = new PinnedTensors(outputs);
        _lease.Enter();
        try
        {
            using var scope = new RunScope(cancellationToken);
            try
            {
                _session.Run(scope.Options, pinnedInputs.Names, pinnedInputs.Values, pinnedOutputs.Names, pinnedOutputs.Values);
            }
            catch (Ort.OnnxRuntimeException e)
            {
                throw scope.Failure(e, _runOperation, ModelPath);
            }
        }
        finally
        {
            _lease.Exit();
        }
    }

    /// <summary>Creates an I/O binding for repeated runs over the same buffers (see <see cref="IoBinding"/>).</summary>
    public IoBinding CreateBinding() => new(this);

    /// <summary>Checks a tensor against a declared input or output: element type, rank and every fixed dimension.</summary>
    internal void CheckTensor(string kind, TensorMetadata expected, DenseTensor tensor)
    {
        if (!expected.IsTensor)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.InvalidArgument,
                $"The {kind} '{expected.Name}' of model '{ModelPath}' is not a tensor; the studio only passes tensors.",
                modelPath: ModelPath);
        }

        if (expected.ElementType != tensor.ElementType)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.InvalidArgument,
                $"The {kind} '{expected.Name}' of model '{ModelPath}' is {expected.ElementType} but a {tensor.ElementType} tensor was given.",
                modelPath: ModelPath);
        }

        bool shapeMatches = expected.Rank == tensor.Rank;
        for (int d = 0; shapeMatches && d < expected.Rank; d++)
        {
            shapeMatches = expected.Shape[d] < 0 || expected.Shape[d] == tensor.Shape[d];
        }

        if (!shapeMatches)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.InvalidArgument,
                $"The {kind} '{expected.Name}' of model '{ModelPath}' has shape {DenseTensor.FormatShape(expected.Shape)} (-1 is dynamic) but a tensor of shape {DenseTensor.FormatShape(tensor.Shape)} was given.",
                modelPath: ModelPath);
        }
    }

    internal OnnxRuntimeException UnknownName(string kind, string name, IReadOnlyList<TensorMetadata> declared)
    {
        return new OnnxRuntimeException(
            OrtErrorCode.InvalidArgument,
            $"Model '{ModelPath}' has no {kind} named '{name}'; its {kind}s are: {string.Join(", ", declared)}.",
            modelPath: ModelPath);
    }

    /// <summary>Releases the session once no run or binding holds it any more; called by the runtime.</summary>
    internal void Release() => _lease.Release();

    /// <summary>Copies a host ORT value into a new managed tensor.</summary>
    internal static DenseTensor CopyToManaged(Ort.OrtValue value, string modelPath)
    {
        if (!value.IsTensor)
        {
            throw new OnnxRuntimeException(
                OrtErrorCode.InvalidArgument,
                $"Model '{modelPath}' returned a {value.OnnxType} value; the studio reads tensors only.",
                modelPath: modelPath);
        }

        Ort.OrtTensorTypeAndShapeInfo info = value.GetTensorTypeAndShape();
        DenseTensor tensor = DenseTensor.Create((TensorElementType)(int)info.ElementDataType, info.Shape);
        value.GetTensorMutableRawData().CopyTo(tensor.Bytes);
        return tensor;
    }

    private void CheckInputs(IReadOnlyDictionary<string, DenseTensor> inputs)
    {
        foreach ((string name, DenseTensor tensor) in inputs)
        {
            CheckTensor("input", GetInput(name), tensor);
        }

        if (Inputs.Any(declared => !inputs.ContainsKey(declared.Name)))
        {
            string missing = string.Join(", ", Inputs.Where(i => !inputs.ContainsKey(i.Name)).Select(i => $"'{i.Name}'"));
            throw new OnnxRuntimeException(
                OrtErrorCode.InvalidArgument,
                $"Model '{ModelPath}' needs the input(s) {missing}, which were not given; its inputs are: {string.Join(", ", Inputs)}.",
                modelPath: ModelPath);
        }
    }

    private static TensorMetadata Describe(string name, Ort.NodeMetadata metadata)
    {
        if (!metadata.IsTensor || metadata.IsString)
        {
            return new TensorMetadata(name, metadata.IsString ? TensorElementType.String : TensorElementType.Undefined, [], []);
        }

        long[] shape = metadata.Dimensions.Select(d => (long)d).ToArray();
        string?[] symbolic = Enumerable.Range(0, shape.Length)
            .Select(i => i < metadata.SymbolicDimensions.Length && !string.IsNullOrEmpty(metadata.SymbolicDimensions[i]) ? metadata.SymbolicDimensions[i] : null)
            .ToArray();
        return new TensorMetadata(name, (TensorElementType)(int)metadata.ElementDataType, shape, symbolic);
    }

    private static Dictionary<string, int> Index(IReadOnlyList<TensorMetadata> items)
    {
        var index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            index[items[i].Name] = i;
        }

        return index;
    }

    /// <summary>The tensors of one run, pinned, with their names, in matching order.</summary>
    private sealed class PinnedTensors : IDisposable
    {
        private readonly List<PinnedTensor> _pinned;

        public PinnedTensors(IReadOnlyDictionary<string, DenseTensor> tensors)
        {
            _pinned = new List<PinnedTensor>(tensors.Count);
            var names = new string[tensors.Count];
            var values = new Ort.OrtValue[tensors.Count];
            try
            {
                foreach ((string name, DenseTensor tensor) in tensors)
                {
                    PinnedTensor pinned = tensor.PinForRuntime();
                    names[_pinned.Count] = name;
                    values[_pinned.Count] = pinned.Value;
                    _pinned.Add(pinned);
                }
            }
            catch
            {
                Dispose();
                throw;
            }

            Names = names;
            Values = values;
        }

        public string[] Names { get; }

        public Ort.OrtValue[] Values { get; }

        public void Dispose()
        {
            foreach (PinnedTensor pinned in _pinned)
            {
                pinned.Dispose();
            }
        }
    }
}
