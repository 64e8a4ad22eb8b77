namespace ExplainerStudio.Generation.Runtime;

/// <summary>ONNX Runtime's error codes (<c>OrtErrorCode</c>), with the same numeric values.</summary>
public enum OrtErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,

    /// <summary>Unspecified failure.</summary>
    Fail = 1,

    /// <summary>An argument (input name, shape, type, option) was invalid.</summary>
    InvalidArgument = 2,

    /// <summary>A file does not exist.</summary>
    NoSuchFile = 3,

    /// <summary>No model was loaded.</summary>
    NoModel = 4,

    /// <summary>The engine failed while running.</summary>
    EngineError = 5,

    /// <summary>A runtime exception inside ONNX Runtime.</summary>
    RuntimeException = 6,

    /// <summary>The file is not a valid ONNX protobuf.</summary>
    InvalidProtobuf = 7,

    /// <summary>A model was already loaded.</summary>
    ModelLoaded = 8,

    /// <summary>The feature is not implemented in this build.</summary>
    NotImplemented = 9,

    /// <summary>The graph is invalid (bad node, type or shape).</summary>
    InvalidGraph = 10,

    /// <summary>An execution provider failed.</summary>
    ExecutionProviderFailure = 11,

    /// <summary>Model loading was cancelled.</summary>
    ModelLoadCanceled = 12,

    /// <summary>The model needs compilation for the chosen provider.</summary>
    ModelRequiresCompilation = 13,

    /// <summary>Something looked up was not found.</summary>
    NotFound = 14,

    /// <summary>The device was reset.</summary>
    DeviceReset = 15,
}
