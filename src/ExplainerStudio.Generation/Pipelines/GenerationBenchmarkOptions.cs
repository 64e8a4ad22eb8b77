using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>What <see cref="GenerationBenchmark.RunAsync"/> measures and where it works.</summary>
public sealed record GenerationBenchmarkOptions
{
    /// <summary>A scratch folder for the generated bench pack.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>The previz pack (its tokenizer, text encoder and VAE also make up the bench pack).</summary>
    public required string PrevizPackDirectory { get; init; }

    /// <summary>The runtime configuration to measure; CPU unless set.</summary>
    public OnnxRuntimeOptions Runtime { get; init; } = new() { ExecutionProvider = ExecutionProviderKind.Cpu };

    /// <summary>Image size for both measurements.</summary>
    public int Size { get; init; } = 512;

    /// <summary>Denoising steps of the bench-model run.</summary>
    public int BenchSteps { get; init; } = 10;

    /// <summary>Steps of the previz image-to-image schedule.</summary>
    public int PrevizSteps { get; init; } = 20;

    /// <summary>Strength of the previz image-to-image run.</summary>
    public float PrevizStrength { get; init; } = 0.75f;

    /// <summary>Width of the previz quality scene and timed shot.</summary>
    public int ShotWidth { get; init; } = 1280;

    /// <summary>Height of the previz quality scene and timed shot.</summary>
    public int ShotHeight { get; init; } = 720;

    /// <summary>Frames of the timed previz shot (96: 4 s at 24 fps).</summary>
    public int ShotFrames { get; init; } = 96;

    /// <summary>Frame rate of the timed shot, for its real-time ratio.</summary>
    public int ShotFrameRate { get; init; } = 24;

    /// <summary>Previz images timed for the throughput figure (after one warm-up image).</summary>
    public int PrevizImages { get; init; } = 5;
}
