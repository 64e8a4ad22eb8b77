namespace ExplainerStudio.Generation.OnnxFormat;

/// <summary>Tensor element types, numbered as <c>TensorProto.DataType</c> in onnx.proto.</summary>
public enum OnnxElementType
{
    /// <summary>32-bit IEEE float.</summary>
    Float = 1,

    /// <summary>Unsigned byte.</summary>
    UInt8 = 2,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,

    /// <summary>Boolean, one byte per element.</summary>
    Bool = 9,

    /// <summary>16-bit IEEE half float.</summary>
    Float16 = 10,

    /// <summary>64-bit IEEE float.</summary>
    Double = 11,
}
