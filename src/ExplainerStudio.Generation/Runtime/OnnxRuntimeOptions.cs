using System.ComponentModel.DataAnnotations;

namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// How the studio loads and configures ONNX Runtime. Bound from the <c>Generation</c> configuration section
/// (<c>Generation:ExecutionProvider</c>, <c>Generation:CudaDeviceId</c>, ...) and validated with data annotations.
/// Which ONNX Runtime build is loaded is decided when the studio is built (<c>OrtFlavor</c>), not here.
/// </summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Generation";

    /// <summary>Execution provider: <c>Auto</c> (CUDA when loadable, else CPU), <c>Cuda</c> or <c>Cpu</c>.</summary>
    [EnumDataType(typeof(ExecutionProviderKind))]
    public ExecutionProviderKind ExecutionProvider { get; set; } = ExecutionProviderKind.Auto;

    /// <summary>CUDA device ordinal.</summary>
    [Range(0, 255)]
    public int CudaDeviceId { get; set; }

    /// <summary>Upper bound for the CUDA provider's memory arena in bytes; empty means no limit.</summary>
    [Range(1L, long.MaxValue)]
    public long? CudaMemoryLimitBytes { get; set; }

    /// <summary>cuDNN convolution algorithm search.</summary>
    [EnumDataType(typeof(CudnnConvAlgorithmSearch))]
    public CudnnConvAlgorithmSearch CudnnConvAlgorithmSearch { get; set; } = CudnnConvAlgorithmSearch.Exhaustive;

    /// <summary>How the CUDA memory arena grows.</summary>
    [EnumDataType(typeof(CudaArenaExtendStrategy))]
    public CudaArenaExtendStrategy CudaArenaExtendStrategy { get; set; } = CudaArenaExtendStrategy.NextPowerOfTwo;

    /// <summary>Threads per session for parallelism inside one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Threads per session for running independent operators in parallel; 0 lets ONNX Runtime choose.</summary>
    [Range(0, 1024)]
    public int InterOpThreads { get; set; }

    /// <summary>Graph optimisation level applied when a session is created.</summary>
    [EnumDataType(typeof(GraphOptimizationLevel))]
    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.All;

    /// <summary>
    /// Whether idle ONNX Runtime worker threads spin waiting for work. Spinning shaves latency off small operators but
    /// burns CPU the web host and ffmpeg could use, so it is off unless a machine is dedicated to rendering.
    /// </summary>
    public bool AllowThreadSpinning { get; set; }
}
