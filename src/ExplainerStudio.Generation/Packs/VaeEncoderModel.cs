using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Packs;

/// <summary>A pack's VAE encoder: <c>sample</c> [B,3,H,W] in [-1,1] → latents (sampled or as distribution parameters).</summary>
/// <param name="Path">Full path of <c>vae_encoder/model.onnx</c>.</param>
/// <param name="SampleType">Float or Float16.</param>
/// <param name="Output">Which of the two output conventions the export uses.</param>
/// <param name="OutputName"><c>latent_sample</c> or <c>latent_parameters</c>.</param>
public sealed record VaeEncoderModel(string Path, TensorElementType SampleType, VaeEncoderOutput Output, string OutputName)
{
    /// <summary>Input name of the image.</summary>
    public const string SampleName = "sample";
}
