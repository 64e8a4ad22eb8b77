namespace ExplainerStudio.Generation.Runtime;

/// <summary>ONNX Runtime graph optimisation level (numeric values are ORT's).</summary>
public enum GraphOptimizationLevel
{
    /// <summary>No graph rewrites.</summary>
    Disabled = 0,

    /// <summary>Constant folding and redundant-node removal.</summary>
    Basic = 1,

    /// <summary>Basic plus node fusions.</summary>
    Extended = 2,

    /// <summary>Everything, including layout optimisations.</summary>
    All = 99,
}
