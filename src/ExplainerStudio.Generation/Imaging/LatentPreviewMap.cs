namespace ExplainerStudio.Generation.Imaging;

/// <summary>
/// A fixed linear map from the 4 latent channels to RGB in [−1, 1]:
/// <c>rgb_k = Bias[k] + Σ_c latent_c · Factors[c·3 + k]</c>. Cheap enough to run every few steps for a progress
/// preview at latent resolution (1/8 of the image side), with no VAE call.
/// </summary>
public sealed class LatentPreviewMap
{
    private readonly float[] _factors;
    private readonly float[] _bias;

    /// <summary>Creates a map from 12 factors (row per latent channel: R, G, B) and 3 biases.</summary>
    /// <exception cref="ArgumentException">Not 12 factors and 3 biases, or a value is not finite.</exception>
    public LatentPreviewMap(IReadOnlyList<float> factors, IReadOnlyList<float> bias)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(bias);
        if (factors.Count != 12 || bias.Count != 3 || factors.Concat(bias).Any(v => !float.IsFinite(v)))
        {
            throw new ArgumentException("A latent preview map has 12 finite factors (4 channels × RGB) and 3 finite biases.");
        }
        _factors = [.. factors];
        _bias = [.. bias];
    }

    /// <summary>
    /// Stable Diffusion 1.x latents (as they are during denoising, i.e. VAE output × 0.18215): the linear fit
    /// published by Kevin Turner (keturn) for SD 1.4 on the Hugging Face forum, "Decoding latents to RGB without
    /// upscaling" (2022). Slightly undersaturated; also serviceable for SD 2.x, which shares the VAE.
    /// </summary>
    public static LatentPreviewMap StableDiffusion { get; } = new(
        [
            0.298f, 0.207f, 0.208f,
            0.187f, 0.286f, 0.173f,
            -0.158f, 0.189f, 0.264f,
            -0.184f, -0.271f, -0.473f,
        ],
        [0f, 0f, 0f]);

    /// <summary>Factors, row per latent channel, columns R, G, B.</summary>
    public IReadOnlyList<float> Factors => _factors;

    /// <summary>Bias per output channel R, G, B.</summary>
    public IReadOnlyList<float> Bias => _bias;

    internal float Factor(int channel, int rgb) => _factors[(channel * 3) + rgb];

    internal float BiasOf(int rgb) => _bias[rgb];
}
