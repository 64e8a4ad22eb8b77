namespace ExplainerStudio.Generation.Runtime;

/// <summary>Tensor element types, with ONNX's numeric values (<c>ONNXTensorElementDataType</c>).</summary>
public enum TensorElementType
{
    /// <summary>Not a tensor, or an unknown type.</summary>
    Undefined = 0,

    /// <summary>32-bit float (<see cref="float"/>).</summary>
    Float = 1,

    /// <summary>Unsigned byte.</summary>
    UInt8 = 2,

    /// <summary>Signed byte.</summary>
    Int8 = 3,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,

    /// <summary>String (not supported by this binding's tensors).</summary>
    String = 8,

    /// <summary>Boolean stored as one byte.</summary>
    Bool = 9,

    /// <summary>IEEE half precision (<see cref="Half"/>).</summary>
    Float16 = 10,

    /// <summary>64-bit float.</summary>
    Double = 11,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,

    /// <summary>Brain float 16 (not supported by this binding's tensors).</summary>
    BFloat16 = 16,
}
