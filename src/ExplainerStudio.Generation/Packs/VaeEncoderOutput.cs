namespace ExplainerStudio.Generation.Packs;

/// <summary>What a pack's VAE encoder returns (diffusion.md B.2).</summary>
public enum VaeEncoderOutput
{
    /// <summary><c>latent_sample</c>: latents already sampled from the posterior (older exports, previz).</summary>
    LatentSample = 0,

    /// <summary><c>latent_parameters</c>: mean and log-variance concatenated on the channel axis (newest Optimum).</summary>
    LatentParameters = 1,
}
