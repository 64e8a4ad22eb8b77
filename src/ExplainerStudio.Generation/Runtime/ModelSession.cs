using System.Buffers;
using System.Runtime.InteropServices;
using ExplainerStudio.Generation.Runtime.Native;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// One loaded ONNX model. Sessions are created and cached by <see cref="OnnxRuntime.GetSession"/> and released when
/// the runtime is disposed. <c>Run</c> may be called from several threads at once.
/// </summary>
public sealed unsafe class ModelSession
{
    private readonly OrtLibrary _library;
    private readonly OrtSessionHandle _handle;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;
    private readonly nint[] _inputNames;
    private readonly nint[] _outputNames;
    private readonly string _runOperation;

    internal ModelSession(OrtLibrary library, OrtSessionHandle handle, string modelPath, ExecutionProviderKind provider, int deviceId)
    {
        DeviceId = deviceId;
        _library = library;
        _handle = handle;
        ModelPath = modelPath;
        Provider = provider;
        _runOperation = $"run model '{modelPath}'";

        nint session = handle.DangerousGetHandle();
        Inputs = ReadMetadata(session, isInput: true);
        Outputs = ReadMetadata(session, isInput: false);
        CustomMetadata = ReadCustomMetadata(session);
        _inputIndex = Index(Inputs);
        _outputIndex = Index(Outputs);
        _inputNames = Inputs.Select(i => Marshal.StringToCoTaskMemUTF8(i.Name)).ToArray();
        _outputNames = Outputs.Select(o => Marshal.StringToCoTaskMemUTF8(o.Name)).ToArray();
        handle.Own(_inputNames);
        handle.Own(_outputNames);
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

    internal OrtLibrary Library => _library;

    internal int DeviceId { get; }

    internal OrtSessionHandle Handle => _handle;

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
        int[] outputIndexes = outputNames is null
            ? Enumerable.Range(0, Outputs.Count).ToArray()
            : outputNames.Select(n => _outputIndex.TryGetValue(n, out int i) ? i : throw UnknownName("output", n, Outputs)).ToArray();

        nint* outputs = stackalloc nint[outputIndexes.Length];
        new Span<nint>(outputs, outputIndexes.Length).Clear();
        try
        {
            RunCore(inputs, outputIndexes, outputs, cancellationToken);
            var result = new Dictionary<string, DenseTensor>(outputIndexes.Length, StringComparer.Ordinal);
            for (int i = 0; i < outputIndexes.Length; i++)
            {
                result[Outputs[outputIndexes[i]].Name] = OrtValues.CopyToManaged(_library, outputs[i], _runOperation, ModelPath);
            }

            return result;
        }
        finally
        {
            for (int i = 0; i < outputIndexes.Length; i++)
            {
                if (outputs[i] != 0)
                {
                    _library.Api.ReleaseValue(outputs[i]);
                }
            }
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
        int count = outputs.Count;
        int[] outputIndexes = new int[count];
        var pins = new MemoryHandle[count];
        nint* values = stackalloc nint[count];
        new Span<nint>(values, count).Clear();
        try
        {
            int i = 0;
            foreach ((string name, DenseTensor tensor) in outputs)
            {
                TensorMetadata expected = GetOutput(name);
                CheckTensor("output", expected, tensor);
                outputIndexes[i] = _outputIndex[name];
                pins[i] = tensor.Pin();
                values[i] = OrtValues.CreateOverPinned(_library, tensor, pins[i], _runOperation, ModelPath);
                i++;
            }

            RunCore(inputs, outputIndexes, values, cancellationToken);
        }
        finally
        {
            for (int i = 0; i < count; i++)
            {
                if (values[i] != 0)
                {
                    _library.Api.ReleaseValue(values[i]);
                }

                pins[i].Dispose();
            }
        }
    }

    /// <summary>Creates an I/O binding for repeated runs over the same buffers (see <see cref="IoBinding"/>).</summary>
    public IoBinding CreateBinding() => new(this);

    internal nint InputNamePointer(string name) => _inputNames[_inputIndex[name]];

    internal nint OutputNamePointer(string name) => _outputNames[_outputIndex[name]];

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

    /// <summary>Releases the session once no run holds it any more; called by the runtime.</summary>
    internal void Release() => _handle.Dispose();

    private void RunCore(IReadOnlyDictionary<string, DenseTensor> inputs, int[] outputIndexes, nint* outputs, CancellationToken cancellationToken)
    {
        int count = inputs.Count;
        foreach ((string name, DenseTensor tensor) in inputs)
        {
            CheckTensor("input", GetInput(name), tensor);
        }

        foreach (TensorMetadata declared in Inputs)
        {
            if (!inputs.ContainsKey(declared.Name))
            {
                string missing = string.Join(", ", Inputs.Where(i => !inputs.ContainsKey(i.Name)).Select(i => $"'{i.Name}'"));
                throw new OnnxRuntimeException(
                    OrtErrorCode.InvalidArgument,
                    $"Model '{ModelPath}' needs the input(s) {missing}, which were not given; its inputs are: {string.Join(", ", Inputs)}.",
                    modelPath: ModelPath);
            }
        }

        var pins = new MemoryHandle[count];
        nint* values = stackalloc nint[count];
        nint* names = stackalloc nint[count];
        nint* outputNames = stackalloc nint[outputIndexes.Length];
        new Span<nint>(values, count).Clear();
        bool addedRef = false;
        try
        {
            int i = 0;
            foreach ((string name, DenseTensor tensor) in inputs)
            {
                names[i] = _inputNames[_inputIndex[name]];
                pins[i] = tensor.Pin();
                values[i] = OrtValues.CreateOverPinned(_library, tensor, pins[i], _runOperation, ModelPath);
                i++;
            }

            for (int o = 0; o < outputIndexes.Length; o++)
            {
                outputNames[o] = _outputNames[outputIndexes[o]];
            }

            _handle.DangerousAddRef(ref addedRef);
            using var scope = new RunScope(_library, _runOperation, cancellationToken);
            nint status = _library.Api.Run(
                _handle.DangerousGetHandle(),
                scope.RunOptions,
                (byte**)names,
                values,
                (nuint)count,
                (byte**)outputNames,
                (nuint)outputIndexes.Length,
                outputs);
            scope.Complete(status, _runOperation, ModelPath);
        }
        catch (ObjectDisposedException ex)
        {
            throw new ObjectDisposedException($"The session for '{ModelPath}' was released (the runtime was disposed or the model unloaded).", ex);
        }
        finally
        {
            if (addedRef)
            {
                _handle.DangerousRelease();
            }

            for (int i = 0; i < count; i++)
            {
                if (values[i] != 0)
                {
                    _library.Api.ReleaseValue(values[i]);
                }

                pins[i].Dispose();
            }
        }
    }

    private List<TensorMetadata> ReadMetadata(nint session, bool isInput)
    {
        string operation = $"read the {(isInput ? "inputs" : "outputs")} of model '{ModelPath}'";
        OrtApi api = _library.Api;
        nuint count;
        _library.Check(isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count), operation, ModelPath);
        var result = new List<TensorMetadata>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            byte* namePointer;
            _library.Check(
                isInput
                    ? api.SessionGetInputName(session, i, _library.DefaultAllocator, &namePointer)
                    : api.SessionGetOutputName(session, i, _library.DefaultAllocator, &namePointer),
                operation,
                ModelPath);
            string name = Marshal.PtrToStringUTF8((nint)namePointer) ?? string.Empty;
            _library.Check(api.AllocatorFree(_library.DefaultAllocator, namePointer), operation, ModelPath);

            nint typeInfo;
            _library.Check(
                isInput ? api.SessionGetInputTypeInfo(session, i, &typeInfo) : api.SessionGetOutputTypeInfo(session, i, &typeInfo),
                operation,
                ModelPath);
            try
            {
                result.Add(ReadTensorMetadata(name, typeInfo, operation));
            }
            finally
            {
                api.ReleaseTypeInfo(typeInfo);
            }
        }

        return result;
    }

    private TensorMetadata ReadTensorMetadata(string name, nint typeInfo, string operation)
    {
        OrtApi api = _library.Api;
        nint tensorInfo;
        _library.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), operation, ModelPath);
        if (tensorInfo == 0)
        {
            return new TensorMetadata(name, TensorElementType.Undefined, [], []);
        }

        TensorElementType elementType;
        nuint rank;
        _library.Check(api.GetTensorElementType(tensorInfo, &elementType), operation, ModelPath);
        _library.Check(api.GetDimensionsCount(tensorInfo, &rank), operation, ModelPath);
        long[] shape = new long[(int)rank];
        nint[] symbols = new nint[(int)rank];
        fixed (long* dims = shape)
        fixed (nint* symbolic = symbols)
        {
            _library.Check(api.GetDimensions(tensorInfo, dims, rank), operation, ModelPath);
            _library.Check(api.GetSymbolicDimensions(tensorInfo, (byte**)symbolic, rank), operation, ModelPath);
        }

        string?[] symbolicShape = symbols
            .Select(s => s == 0 ? null : Marshal.PtrToStringUTF8(s))
            .Select(s => string.IsNullOrEmpty(s) ? null : s)
            .ToArray();
        return new TensorMetadata(name, elementType, shape, symbolicShape);
    }

    private Dictionary<string, string> ReadCustomMetadata(nint session)
    {
        string operation = $"read the metadata of model '{ModelPath}'";
        OrtApi api = _library.Api;
        nint allocator = _library.DefaultAllocator;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        nint metadata;
        _library.Check(api.SessionGetModelMetadata(session, &metadata), operation, ModelPath);
        try
        {
            byte** keys;
            long keyCount;
            _library.Check(api.ModelMetadataGetCustomMetadataMapKeys(metadata, allocator, &keys, &keyCount), operation, ModelPath);
            if (keys == null)
            {
                return result;
            }

            for (long k = 0; k < keyCount; k++)
            {
                byte* value;
                _library.Check(api.ModelMetadataLookupCustomMetadataMap(metadata, allocator, keys[k], &value), operation, ModelPath);
                string key = Marshal.PtrToStringUTF8((nint)keys[k]) ?? string.Empty;
                if (value != null)
                {
                    result[key] = Marshal.PtrToStringUTF8((nint)value) ?? string.Empty;
                    _library.Check(api.AllocatorFree(allocator, value), operation, ModelPath);
                }

                _library.Check(api.AllocatorFree(allocator, keys[k]), operation, ModelPath);
            }

            _library.Check(api.AllocatorFree(allocator, keys), operation, ModelPath);
            return result;
        }
        finally
        {
            api.ReleaseModelMetadata(metadata);
        }
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
}
