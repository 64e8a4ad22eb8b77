using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Packs;

/// <summary>
/// A pack's UNet: <c>sample</c> [B,C,h,w], <c>timestep</c>, <c>encoder_hidden_states</c> [B,S,D] and, for LCM,
/// <c>timestep_cond</c> [B,TimestepCondSize] → <c>out_sample</c> [B,C,h,w].
/// </summary>
/// <param name="Path">Full path of <c>unet/model.onnx</c>.</param>
/// <param name="SampleType">Float or Float16, also used for <c>out_sample</c>.</param>
/// <param name="LatentChannels">C, the latent channel count (4 for Stable Diffusion).</param>
/// <param name="TimestepType">Int64, Float or Float16, depending on the exporter.</param>
/// <param name="TimestepRank">0 (a scalar) or 1 ([1] or [batch]).</param>
/// <param name="TimestepIsBatched">True when a rank-1 timestep has a dynamic or batch-sized first dimension, false when it is fixed at 1.</param>
/// <param name="HiddenStatesType">Element type of <c>encoder_hidden_states</c>.</param>
/// <param name="HiddenSize">D, which must match the text encoder.</param>
/// <param name="SequenceLength">S when fixed; null when the sequence dimension is dynamic.</param>
/// <param name="TimestepCondSize">The guidance-embedding width of an LCM UNet, or null.</param>
/// <param name="FixedBatch">The batch size when the export fixes it (some take exactly 1, so guidance runs two passes), or null.</param>
public sealed record UnetModel(
    string Path,
    TensorElementType SampleType,
    int LatentChannels,
    TensorElementType TimestepType,
    int TimestepRank,
    bool TimestepIsBatched,
    TensorElementType HiddenStatesType,
    int HiddenSize,
    int? SequenceLength,
    int? TimestepCondSize,
    int? FixedBatch = null)
{
    /// <summary>Input name of the noisy latents.</summary>
    public const string SampleName = "sample";

    /// <summary>Input name of the timestep.</summary>
    public const string TimestepName = "timestep";

    /// <summary>Input name of the text (and image) token embeddings.</summary>
    public const string HiddenStatesName = "encoder_hidden_states";

    /// <summary>Input name of the LCM guidance embedding.</summary>
    public const string TimestepCondName = "timestep_cond";

    /// <summary>Output name of the noise prediction.</summary>
    public const string OutputName = "out_sample";

    /// <summary>True for latent consistency UNets (guidance as an embedding rather than CFG).</summary>
    public bool IsLatentConsistency => TimestepCondSize is not null;
}
