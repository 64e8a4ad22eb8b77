namespace ExplainerStudio.Generation.Runtime;

/// <summary>
/// A model input or output as the session reports it when it loads.
/// </summary>
/// <param name="Name">The input or output name.</param>
/// <param name="ElementType">The element type; <see cref="TensorElementType.Undefined"/> for non-tensor values.</param>
/// <param name="Shape">The dimensions; -1 marks a dynamic dimension.</param>
/// <param name="SymbolicShape">Per dimension, the symbolic name of a dynamic dimension (e.g. "batch"), or null.</param>
public sealed record TensorMetadata(
    string Name,
    TensorElementType ElementType,
    IReadOnlyList<long> Shape,
    IReadOnlyList<string?> SymbolicShape)
{
    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Count;

    /// <summary>False for sequences, maps and other non-tensor values.</summary>
    public bool IsTensor => ElementType != TensorElementType.Undefined;

    /// <summary>True when dimension <paramref name="index"/> is dynamic (unknown until run time).</summary>
    public bool IsDynamic(int index) => Shape[index] < 0;

    /// <summary>For messages: <c>sample: Float [-1,4,-1,-1]</c>.</summary>
    public override string ToString() => $"{Name}: {ElementType} {DenseTensor.FormatShape(Shape)}";
}
