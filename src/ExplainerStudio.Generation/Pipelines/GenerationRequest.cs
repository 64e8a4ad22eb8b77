using ExplainerStudio.Generation.Schedulers;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// One image to generate. Text-to-image when <see cref="InitImage"/> is null, image-to-image from it otherwise
/// (for a shot: the layout image, the strongest form of reference conditioning).
/// </summary>
public sealed record GenerationRequest
{
    /// <summary>What the image shows.</summary>
    public required string Prompt { get; init; }

    /// <summary>What it should not show; the unconditional half of classifier-free guidance.</summary>
    public string NegativePrompt { get; init; } = string.Empty;

    /// <summary>Output width in pixels; a multiple of 8.</summary>
    public int Width { get; init; } = 512;

    /// <summary>Output height in pixels; a multiple of 8.</summary>
    public int Height { get; init; } = 512;

    /// <summary>Denoising steps (before <see cref="Strength"/> shortens them); null uses the pack's default.</summary>
    public int? Steps { get; init; }

    /// <summary>Guidance scale; above 1 runs classifier-free guidance (LCM: feeds the guidance embedding); null uses the pack's default.</summary>
    public float? GuidanceScale { get; init; }

    /// <summary>The seed; the same seed, inputs, pack and execution provider give bit-identical images.</summary>
    public ulong Seed { get; init; }

    /// <summary>The scheduler; null uses the one the pack's scheduler_config.json names.</summary>
    public SchedulerKind? Scheduler { get; init; }

    /// <summary>The image-to-image start, the same size as the output; null for text-to-image.</summary>
    public RgbImage? InitImage { get; init; }

    /// <summary>How much of the init image is re-imagined: 0 returns it (through the VAE), 1 ignores it.</summary>
    public float Strength { get; init; } = 0.75f;

    /// <summary>Reference images whose image-encoder tokens condition UNets that accept image tokens.</summary>
    public IReadOnlyList<RgbImage> ReferenceImages { get; init; } = [];

    /// <summary>Weight of the reference image tokens (0 turns them off, 1 is full strength).</summary>
    public float ReferenceScale { get; init; } = 1f;

    /// <summary>A preview is attached to every n-th progress report (and the last); 0 turns previews off.</summary>
    public int PreviewEvery { get; init; } = 4;
}
