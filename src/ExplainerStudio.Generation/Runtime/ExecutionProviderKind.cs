namespace ExplainerStudio.Generation.Runtime;

/// <summary>Which ONNX Runtime execution provider runs the models.</summary>
public enum ExecutionProviderKind
{
    /// <summary>CUDA when the library and the machine can load it, otherwise CPU (the reason is reported).</summary>
    Auto = 0,

    /// <summary>CUDA only; start-up fails with a clear message when it cannot load.</summary>
    Cuda = 1,

    /// <summary>CPU only.</summary>
    Cpu = 2,
}
