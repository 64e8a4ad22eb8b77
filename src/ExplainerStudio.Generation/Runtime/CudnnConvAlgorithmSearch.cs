namespace ExplainerStudio.Generation.Runtime;

/// <summary>How the CUDA provider picks cuDNN convolution algorithms (ORT's <c>cudnn_conv_algo_search</c>).</summary>
public enum CudnnConvAlgorithmSearch
{
    /// <summary>Benchmark every algorithm on first use; slowest first run, fastest steady state.</summary>
    Exhaustive = 0,

    /// <summary>Pick by cuDNN's heuristics; fast start-up.</summary>
    Heuristic = 1,

    /// <summary>Always use the default algorithm.</summary>
    Default = 2,
}
