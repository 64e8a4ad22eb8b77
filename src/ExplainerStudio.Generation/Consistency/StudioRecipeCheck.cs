namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// A second timing pass of <see cref="ConsistencyBenchmark"/> at the size, steps and clip length a studio shot renders
/// with by default, scored the way the studio scores it: flicker over every full-size frame, drift on copies of the
/// keyframe and sampled frames shrunk to <see cref="AnalysisLongSide"/> (the shrinking is charged to scoring). The
/// main pass renders small frames so that many takes fit a CPU run; this pass says what the share is for a real shot.
/// </summary>
public sealed record StudioRecipeCheck
{
    /// <summary>Frame width (a multiple of 8).</summary>
    public required int Width { get; init; }

    /// <summary>Frame height (a multiple of 8).</summary>
    public required int Height { get; init; }

    /// <summary>Denoising steps of the keyframe schedule.</summary>
    public required int Steps { get; init; }

    /// <summary>Frames after the keyframe (duration × frame rate).</summary>
    public required int FramesPerTake { get; init; }

    /// <summary>Frames along the move refined by the model (1 in this many).</summary>
    public required int RefineEvery { get; init; }

    /// <summary>The long side the studio shrinks scored frames to.</summary>
    public required int AnalysisLongSide { get; init; }

    /// <summary>Takes timed (half faithful, half drifted), after one untimed warm-up take.</summary>
    public int Takes { get; init; } = 4;
}
