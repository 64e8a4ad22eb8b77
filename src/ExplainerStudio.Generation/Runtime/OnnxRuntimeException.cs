namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// ONNX Runtime refused or failed an operation. The message names the model file (when there is one), what was
/// being done and ONNX Runtime's own message.
/// </summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Creates an exception from ONNX Runtime's error code and message.</summary>
    public OnnxRuntimeException(OrtErrorCode errorCode, string message, string? ortMessage = null, string? modelPath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        OrtMessage = ortMessage;
        ModelPath = modelPath;
    }

    /// <summary>ONNX Runtime's error code; <see cref="OrtErrorCode.Fail"/> for errors detected by the binding itself.</summary>
    public OrtErrorCode ErrorCode { get; }

    /// <summary>ONNX Runtime's message verbatim, or null when the binding detected the problem itself.</summary>
    public string? OrtMessage { get; }

    /// <summary>The model file involved, or null when the error is not about one model.</summary>
    public string? ModelPath { get; }
}
