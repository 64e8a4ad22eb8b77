using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Tests.Packs;

/// <summary>The variations of a synthetic pack: each property mirrors a difference between real exports.</summary>
public sealed record TestPackSpec
{
    public int HiddenSize { get; init; } = 8;

    public int? UnetHiddenSize { get; init; }

    public int LatentChannels { get; init; } = 4;

    public int? DecoderLatentChannels { get; init; }

    public OnnxElementType InputIdsType { get; init; } = OnnxElementType.Int64;

    public OnnxElementType TimestepType { get; init; } = OnnxElementType.Int64;

    public bool ScalarTimestep { get; init; }

    public bool LatentConsistency { get; init; }

    public bool Float16 { get; init; }

    public bool LatentParameters { get; init; }

    /// <summary>The UNet's encoder_hidden_states sequence dimension: 77, a larger fixed count, or symbolic.</summary>
    public OnnxDim UnetSequence { get; init; } = 77;

    /// <summary>The UNet's batch dimension: symbolic, or fixed at 1 as some exports have it.</summary>
    public OnnxDim UnetBatch { get; init; } = "batch";

    public bool ImageEncoder { get; init; }

    public int ImageEmbeddingSize { get; init; } = 8;

    /// <summary>When set, the image encoder also has an <c>image_tokens</c> [batch, n, D] output.</summary>
    public int? ImageTokens { get; init; }

    public string UnetSampleName { get; init; } = "sample";

    public string ClassName { get; init; } = "OnnxStableDiffusionPipeline";

    public string NameOrPath { get; init; } = "tests/synthetic";

    /// <summary>How strongly the UNet pulls latents toward zero per step (1 predicts that the scaled input is all noise, which keeps the synthetic loop stable).</summary>
    public float UnetScale { get; init; } = 1f;
}
