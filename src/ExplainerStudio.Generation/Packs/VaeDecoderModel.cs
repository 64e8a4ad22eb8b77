using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Packs;

/// <summary>A pack's VAE decoder: <c>latent_sample</c> [B,C,h,w] (already divided by the scaling factor) → <c>sample</c> [B,3,H,W].</summary>
/// <param name="Path">Full path of <c>vae_decoder/model.onnx</c>.</param>
/// <param name="LatentType">Float or Float16.</param>
/// <param name="ScalingFactor">The VAE scaling factor (from <c>vae_decoder/config.json</c>; 0.18215 when absent).</param>
public sealed record VaeDecoderModel(string Path, TensorElementType LatentType, float ScalingFactor)
{
    /// <summary>Input name of the latents.</summary>
    public const string LatentName = "latent_sample";

    /// <summary>Output name of the image.</summary>
    public const string OutputName = "sample";

    /// <summary>Stable Diffusion's VAE scaling factor.</summary>
    public const float DefaultScalingFactor = 0.18215f;
}
