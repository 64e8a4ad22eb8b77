using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>What <see cref="ConsistencyBenchmark.RunAsync"/> renders and scores. The defaults keep a CPU run to a few
/// minutes: small frames, few steps, short clips.</summary>
public sealed record ConsistencyBenchmarkOptions
{
    /// <summary>The previz pack every shot is rendered with.</summary>
    public required string PrevizPackDirectory { get; init; }

    /// <summary>Characters besides the drawn subjects (the studio passes the demo project's); may be empty.</summary>
    public IReadOnlyList<BenchCharacter> Characters { get; init; } = [];

    /// <summary>Whether the drawn subjects of <see cref="BenchSubjects"/> join the characters.</summary>
    public bool IncludeDrawnSubjects { get; init; } = true;

    /// <summary>The runtime configuration; CPU unless set.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = new() { ExecutionProvider = ExecutionProviderKind.Cpu };

    /// <summary>Frame width (a multiple of 8).</summary>
    public int Width { get; init; } = 320;

    /// <summary>Frame height (a multiple of 8).</summary>
    public int Height { get; init; } = 176;

    /// <summary>Denoising steps of the keyframe schedule.</summary>
    public int Steps { get; init; } = 10;

    /// <summary>Image-to-image strength of the keyframe (the studio's reference strength).</summary>
    public float Strength { get; init; } = 0.45f;

    /// <summary>Refinement strength of the frames along the move.</summary>
    public float RefineStrength { get; init; } = 0.3f;

    /// <summary>Frames after the keyframe in every take.</summary>
    public int FramesPerTake { get; init; } = 24;

    /// <summary>Shots per character; each is rendered faithful and drifted.</summary>
    public int ShotsPerCharacter { get; init; } = 3;

    /// <summary>Frames scored for drift beside the keyframe.</summary>
    public int SampledFrames { get; init; } = 3;

    /// <summary>RGB levels taken from one frame of a take to plant flicker (a dip: previz frames are light and brightening would clip at white).</summary>
    public int PlantedFlickerLevels { get; init; } = 30;

    /// <summary>A second timing pass at the studio's default shot recipe; none when null.</summary>
    public StudioRecipeCheck? StudioRecipe { get; init; }

    /// <summary>The thresholds the false-alarm and detection rates are reported at.</summary>
    public ConsistencyThresholds Thresholds { get; init; } = new();
}
