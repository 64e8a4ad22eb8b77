namespace ExplainerStudio.Generation.Runtime;

/// <summary>How the CUDA provider's memory arena grows (ORT's <c>arena_extend_strategy</c>).</summary>
public enum CudaArenaExtendStrategy
{
    /// <summary>Double the arena each time it runs out: fewer allocations, more memory held.</summary>
    NextPowerOfTwo = 0,

    /// <summary>Grow by exactly what was requested: tighter memory, more allocations.</summary>
    SameAsRequested = 1,
}
