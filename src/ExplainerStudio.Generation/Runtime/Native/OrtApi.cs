namespace ExplainerStudio.Generation.Runtime.Native;

/// <summary>
/// The members of ONNX Runtime's <c>OrtApi</c> function table that the binding uses, read once from the table by
/// ordinal (reference/onnxruntime-c-api.md, A.4). The table is append-only, so these ordinals hold for every runtime
/// that supports the requested API version. Opaque ORT objects are <see cref="nint"/>; strings are UTF-8.
/// </summary>
internal sealed unsafe class OrtApi
{
    /// <summary>The highest ordinal read below; a runtime's table must be at least this long.</summary>
    public const int HighestOrdinal = 208;

    public readonly delegate* unmanaged<nint, OrtErrorCode> GetErrorCode;
    public readonly delegate* unmanaged<nint, byte*> GetErrorMessage;
    public readonly delegate* unmanaged<int, byte*, nint*, nint> CreateEnv;
    public readonly delegate* unmanaged<nint, void*, nint, nint*, nint> CreateSession;
    public readonly delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint> Run;
    public readonly delegate* unmanaged<nint*, nint> CreateSessionOptions;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionExecutionMode;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionLogSeverityLevel;
    public readonly delegate* unmanaged<nint, int, nint> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged<nint, int, nint> SetIntraOpNumThreads;
    public readonly delegate* unmanaged<nint, int, nint> SetInterOpNumThreads;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetInputCount;
    public readonly delegate* unmanaged<nint, nuint*, nint> SessionGetOutputCount;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetInputName;
    public readonly delegate* unmanaged<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    public readonly delegate* unmanaged<nint*, nint> CreateRunOptions;
    public readonly delegate* unmanaged<nint, nint> RunOptionsSetTerminate;
    public readonly delegate* unmanaged<nint, void*, nuint, long*, nuint, TensorElementType, nint*, nint> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged<nint, int*, nint> IsTensor;
    public readonly delegate* unmanaged<nint, void**, nint> GetTensorMutableData;
    public readonly delegate* unmanaged<nint, nint*, nint> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged<nint, TensorElementType*, nint> GetTensorElementType;
    public readonly delegate* unmanaged<nint, nuint*, nint> GetDimensionsCount;
    public readonly delegate* unmanaged<nint, long*, nuint, nint> GetDimensions;
    public readonly delegate* unmanaged<nint, byte**, nuint, nint> GetSymbolicDimensions;
    public readonly delegate* unmanaged<nint, nint*, nint> GetTensorTypeAndShape;
    public readonly delegate* unmanaged<byte*, int, int, int, nint*, nint> CreateMemoryInfo;
    public readonly delegate* unmanaged<int, int, nint*, nint> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged<nint, byte**, nint> MemoryInfoGetName;
    public readonly delegate* unmanaged<nint, void*, nint> AllocatorFree;
    public readonly delegate* unmanaged<nint*, nint> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged<nint, void> ReleaseEnv;
    public readonly delegate* unmanaged<nint, void> ReleaseStatus;
    public readonly delegate* unmanaged<nint, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSession;
    public readonly delegate* unmanaged<nint, void> ReleaseValue;
    public readonly delegate* unmanaged<nint, void> ReleaseRunOptions;
    public readonly delegate* unmanaged<nint, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged<nint, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged<nint, nint*, nint> SessionGetModelMetadata;
    public readonly delegate* unmanaged<nint, nint, byte*, byte**, nint> ModelMetadataLookupCustomMetadataMap;
    public readonly delegate* unmanaged<nint, void> ReleaseModelMetadata;
    public readonly delegate* unmanaged<nint, nint, byte***, long*, nint> ModelMetadataGetCustomMetadataMapKeys;
    public readonly delegate* unmanaged<byte***, int*, nint> GetAvailableProviders;
    public readonly delegate* unmanaged<byte**, int, nint> ReleaseAvailableProviders;
    public readonly delegate* unmanaged<nint, byte*, byte*, nint> AddSessionConfigEntry;
    public readonly delegate* unmanaged<nint, nint, nint, nint> RunWithBinding;
    public readonly delegate* unmanaged<nint, nint*, nint> CreateIoBinding;
    public readonly delegate* unmanaged<nint, void> ReleaseIoBinding;
    public readonly delegate* unmanaged<nint, byte*, nint, nint> BindInput;
    public readonly delegate* unmanaged<nint, byte*, nint, nint> BindOutput;
    public readonly delegate* unmanaged<nint, byte*, nint, nint> BindOutputToDevice;
    public readonly delegate* unmanaged<nint, nint, byte**, nuint**, nuint*, nint> GetBoundOutputNames;
    public readonly delegate* unmanaged<nint, nint, nint**, nuint*, nint> GetBoundOutputValues;
    public readonly delegate* unmanaged<nint, void> ClearBoundInputs;
    public readonly delegate* unmanaged<nint, void> ClearBoundOutputs;
    public readonly delegate* unmanaged<nint, nint*, nint> GetTensorMemoryInfo;
    public readonly delegate* unmanaged<nint, nint> SynchronizeBoundInputs;
    public readonly delegate* unmanaged<nint, nint> SynchronizeBoundOutputs;
    public readonly delegate* unmanaged<nint, nint, nint> SessionOptionsAppendExecutionProviderCudaV2;
    public readonly delegate* unmanaged<nint*, nint> CreateCudaProviderOptions;
    public readonly delegate* unmanaged<nint, byte**, byte**, nuint, nint> UpdateCudaProviderOptions;
    public readonly delegate* unmanaged<nint, void> ReleaseCudaProviderOptions;

    public OrtApi(nint table)
    {
        var t = (nint*)table;
        GetErrorCode = (delegate* unmanaged<nint, OrtErrorCode>)t[1];
        GetErrorMessage = (delegate* unmanaged<nint, byte*>)t[2];
        CreateEnv = (delegate* unmanaged<int, byte*, nint*, nint>)t[3];
        CreateSession = (delegate* unmanaged<nint, void*, nint, nint*, nint>)t[7];
        Run = (delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)t[9];
        CreateSessionOptions = (delegate* unmanaged<nint*, nint>)t[10];
        SetSessionExecutionMode = (delegate* unmanaged<nint, int, nint>)t[13];
        SetSessionLogSeverityLevel = (delegate* unmanaged<nint, int, nint>)t[22];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<nint, int, nint>)t[23];
        SetIntraOpNumThreads = (delegate* unmanaged<nint, int, nint>)t[24];
        SetInterOpNumThreads = (delegate* unmanaged<nint, int, nint>)t[25];
        SessionGetInputCount = (delegate* unmanaged<nint, nuint*, nint>)t[30];
        SessionGetOutputCount = (delegate* unmanaged<nint, nuint*, nint>)t[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)t[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<nint, nuint, nint*, nint>)t[34];
        SessionGetInputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)t[36];
        SessionGetOutputName = (delegate* unmanaged<nint, nuint, nint, byte**, nint>)t[37];
        CreateRunOptions = (delegate* unmanaged<nint*, nint>)t[39];
        RunOptionsSetTerminate = (delegate* unmanaged<nint, nint>)t[46];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<nint, void*, nuint, long*, nuint, TensorElementType, nint*, nint>)t[49];
        IsTensor = (delegate* unmanaged<nint, int*, nint>)t[50];
        GetTensorMutableData = (delegate* unmanaged<nint, void**, nint>)t[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<nint, nint*, nint>)t[55];
        GetTensorElementType = (delegate* unmanaged<nint, TensorElementType*, nint>)t[60];
        GetDimensionsCount = (delegate* unmanaged<nint, nuint*, nint>)t[61];
        GetDimensions = (delegate* unmanaged<nint, long*, nuint, nint>)t[62];
        GetSymbolicDimensions = (delegate* unmanaged<nint, byte**, nuint, nint>)t[63];
        GetTensorTypeAndShape = (delegate* unmanaged<nint, nint*, nint>)t[65];
        CreateMemoryInfo = (delegate* unmanaged<byte*, int, int, int, nint*, nint>)t[68];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, nint*, nint>)t[69];
        MemoryInfoGetName = (delegate* unmanaged<nint, byte**, nint>)t[71];
        AllocatorFree = (delegate* unmanaged<nint, void*, nint>)t[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<nint*, nint>)t[78];
        ReleaseEnv = (delegate* unmanaged<nint, void>)t[92];
        ReleaseStatus = (delegate* unmanaged<nint, void>)t[93];
        ReleaseMemoryInfo = (delegate* unmanaged<nint, void>)t[94];
        ReleaseSession = (delegate* unmanaged<nint, void>)t[95];
        ReleaseValue = (delegate* unmanaged<nint, void>)t[96];
        ReleaseRunOptions = (delegate* unmanaged<nint, void>)t[97];
        ReleaseTypeInfo = (delegate* unmanaged<nint, void>)t[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<nint, void>)t[99];
        ReleaseSessionOptions = (delegate* unmanaged<nint, void>)t[100];
        SessionGetModelMetadata = (delegate* unmanaged<nint, nint*, nint>)t[111];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged<nint, nint, byte*, byte**, nint>)t[116];
        ReleaseModelMetadata = (delegate* unmanaged<nint, void>)t[118];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged<nint, nint, byte***, long*, nint>)t[123];
        GetAvailableProviders = (delegate* unmanaged<byte***, int*, nint>)t[125];
        ReleaseAvailableProviders = (delegate* unmanaged<byte**, int, nint>)t[126];
        AddSessionConfigEntry = (delegate* unmanaged<nint, byte*, byte*, nint>)t[130];
        RunWithBinding = (delegate* unmanaged<nint, nint, nint, nint>)t[133];
        CreateIoBinding = (delegate* unmanaged<nint, nint*, nint>)t[134];
        ReleaseIoBinding = (delegate* unmanaged<nint, void>)t[135];
        BindInput = (delegate* unmanaged<nint, byte*, nint, nint>)t[136];
        BindOutput = (delegate* unmanaged<nint, byte*, nint, nint>)t[137];
        BindOutputToDevice = (delegate* unmanaged<nint, byte*, nint, nint>)t[138];
        GetBoundOutputNames = (delegate* unmanaged<nint, nint, byte**, nuint**, nuint*, nint>)t[139];
        GetBoundOutputValues = (delegate* unmanaged<nint, nint, nint**, nuint*, nint>)t[140];
        ClearBoundInputs = (delegate* unmanaged<nint, void>)t[141];
        ClearBoundOutputs = (delegate* unmanaged<nint, void>)t[142];
        GetTensorMemoryInfo = (delegate* unmanaged<nint, nint*, nint>)t[194];
        SynchronizeBoundInputs = (delegate* unmanaged<nint, nint>)t[202];
        SynchronizeBoundOutputs = (delegate* unmanaged<nint, nint>)t[203];
        SessionOptionsAppendExecutionProviderCudaV2 = (delegate* unmanaged<nint, nint, nint>)t[204];
        CreateCudaProviderOptions = (delegate* unmanaged<nint*, nint>)t[205];
        UpdateCudaProviderOptions = (delegate* unmanaged<nint, byte**, byte**, nuint, nint>)t[206];
        ReleaseCudaProviderOptions = (delegate* unmanaged<nint, void>)t[208];
    }
}
