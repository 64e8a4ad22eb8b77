using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Randomness;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// The pack's VAE: images to scaled latents (<c>latents = scaling_factor × encode(image)</c>, sampling the posterior
/// itself when the encoder returns <c>latent_parameters</c>) and scaled latents back to images.
/// </summary>
internal sealed class LatentCodec
{
    // diffusers clamps the log-variance of its DiagonalGaussianDistribution to this range.
    private const float MinLogVariance = -30f;
    private const float MaxLogVariance = 20f;

    private readonly OnnxRuntime _runtime;
    private readonly ModelPack _pack;

    public LatentCodec(OnnxRuntime runtime, ModelPack pack)
    {
        _runtime = runtime;
        _pack = pack;
    }

    /// <summary>
    /// Encodes an image into scaled latents [C, H/8, W/8]; with distribution parameters it samples the posterior
    /// using <paramref name="posteriorNoise"/>, or takes its mean when that is null.
    /// </summary>
    public float[] Encode(RgbImage image, GaussianNoise? posteriorNoise, CancellationToken cancellationToken)
    {
        VaeEncoderModel encoder = _pack.VaeEncoder;
        DenseTensor input = TensorConversion.CreateFloating(encoder.SampleType, 1, 3, image.Height, image.Width);
        switch (input)
        {
            case DenseTensor<Half> halves:
                ImageTensors.ToNchw(image, halves.Span);
                break;
            case DenseTensor<float> single:
                ImageTensors.ToNchw(image, single.Span);
                break;
        }

        DenseTensor output = _runtime.GetSession(encoder.Path).Run(
            new Dictionary<string, DenseTensor> { [VaeEncoderModel.SampleName] = input },
            [encoder.OutputName],
            cancellationToken)[encoder.OutputName];
        float[] values = TensorConversion.ToArray(output);
        float scale = _pack.VaeDecoder.ScalingFactor;
        if (encoder.Output == VaeEncoderOutput.LatentSample)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] *= scale;
            }

            return values;
        }

        // latent_parameters = [mean; log-variance] on the channel axis: sample mean + std·ε, as diffusers'
        // latent_dist.sample() does for image-to-image.
        int half = values.Length / 2;
        float[] latents = new float[half];
        posteriorNoise?.Fill(latents);
        for (int i = 0; i < half; i++)
        {
            float logVariance = Math.Clamp(values[half + i], MinLogVariance, MaxLogVariance);
            latents[i] = (values[i] + (MathF.Exp(0.5f * logVariance) * latents[i])) * scale;
        }

        return latents;
    }

    /// <summary>Decodes scaled latents [C, h, w] into an image of 8h × 8w.</summary>
    public RgbImage Decode(ReadOnlySpan<float> latents, int latentHeight, int latentWidth, CancellationToken cancellationToken)
    {
        VaeDecoderModel decoder = _pack.VaeDecoder;
        DenseTensor input = TensorConversion.CreateFloating(decoder.LatentType, 1, _pack.LatentChannels, latentHeight, latentWidth);
        TensorConversion.Write(latents, input, scale: 1f / decoder.ScalingFactor);
        DenseTensor output = _runtime.GetSession(decoder.Path).Run(
            new Dictionary<string, DenseTensor> { [VaeDecoderModel.LatentName] = input },
            [VaeDecoderModel.OutputName],
            cancellationToken)[VaeDecoderModel.OutputName];
        int height = (int)output.Shape[2];
        int width = (int)output.Shape[3];
        return ImageTensors.FromNchw(TensorConversion.ToArray(output), width, height);
    }
}
