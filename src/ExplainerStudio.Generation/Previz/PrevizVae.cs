using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// vae_encoder and vae_decoder. The encoder is one strided convolution: 8×8 average pooling fused with the
/// colour transform of <see cref="PrevizColorSpace"/> and divided by the scaling factor, so that the pipeline's
/// usual "× 0.18215 after encoding" lands in the designed latent space. The decoder undoes the colour
/// transform (multiplying the scaling factor back) and upsamples ×8 bilinearly.
/// </summary>
internal static class PrevizVae
{
    public const int Downscale = 8;
    public const int LatentChannels = 4;

    /// <summary>Encoder weights [4, 3, 8, 8].</summary>
    public static float[] EncoderWeights()
    {
        var weights = new double[LatentChannels * 3 * Downscale * Downscale];
        double blockMean = 1.0 / (Downscale * Downscale);
        for (int latent = 0; latent < 3; latent++)
        {
            for (int rgb = 0; rgb < 3; rgb++)
            {
                double w = PrevizColorSpace.Forward[latent, rgb] * blockMean / PrevizColorSpace.ScalingFactor;
                Array.Fill(weights, w, ((latent * 3) + rgb) * Downscale * Downscale, Downscale * Downscale);
            }
        }

        return PrevizDesign.ToFloats(weights);
    }

    /// <summary>Decoder 1×1 weights [3, 4, 1, 1]; the fourth latent channel is ignored.</summary>
    public static float[] DecoderWeights()
    {
        var weights = new double[3 * LatentChannels];
        for (int rgb = 0; rgb < 3; rgb++)
        {
            for (int latent = 0; latent < 3; latent++)
            {
                weights[(rgb * LatentChannels) + latent] = PrevizColorSpace.Inverse[rgb, latent] * PrevizColorSpace.ScalingFactor;
            }
        }

        return PrevizDesign.ToFloats(weights);
    }

    public static byte[] BuildEncoder()
    {
        OnnxModelBuilder model = PrevizDesign.NewModel(
            "previz_vae_encoder",
            "Previz VAE encoder: 8x8 average pooling and a luma/chroma transform, divided by 0.18215. Designed, not learned.");
        model.AddInput("sample", OnnxElementType.Float, "batch", 3, "height", "width");
        string weights = model.Constant(OnnxTensor.FromFloat("encode_weight", [LatentChannels, 3, Downscale, Downscale], EncoderWeights()));
        model.AddNode("Conv", ["sample", weights], ["latent_sample"],
            OnnxAttribute.Ints("kernel_shape", Downscale, Downscale),
            OnnxAttribute.Ints("strides", Downscale, Downscale));
        model.AddOutput("latent_sample", OnnxElementType.Float, "batch", LatentChannels, "latent_height", "latent_width");
        return model.ToBytes();
    }

    public static byte[] BuildDecoder()
    {
        OnnxModelBuilder model = PrevizDesign.NewModel(
            "previz_vae_decoder",
            "Previz VAE decoder: inverse luma/chroma transform times 0.18215, then bilinear x8 upsampling. Designed, not learned.");
        model.AddInput("latent_sample", OnnxElementType.Float, "batch", LatentChannels, "latent_height", "latent_width");
        string weights = model.Constant(OnnxTensor.FromFloat("decode_weight", [3, LatentChannels, 1, 1], DecoderWeights()));
        string scales = model.Constant(OnnxTensor.FromFloat("upsample_scales", [4], [1f, 1f, Downscale, Downscale]));
        string rgb = model.Apply("Conv", ["latent_sample", weights], OnnxAttribute.Ints("kernel_shape", 1, 1));
        model.AddNode("Resize", [rgb, string.Empty, scales], ["sample"],
            OnnxAttribute.String("mode", "linear"),
            OnnxAttribute.String("coordinate_transformation_mode", "half_pixel"));
        model.AddOutput("sample", OnnxElementType.Float, "batch", 3, "height", "width");
        return model.ToBytes();
    }
}
