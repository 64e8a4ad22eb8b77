using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// unet: an analytic epsilon predictor with the SD 1.x interface.
/// <c>sample</c> float32 [batch, 4, h, w] (x_t = √ᾱ·x0 + √(1−ᾱ)·ε, which is also what Euler pipelines feed
/// after scale_model_input), <c>timestep</c> float32 [batch or 1] (fractional timesteps interpolate the tables),
/// <c>encoder_hidden_states</c> float32 [batch, sequence, 64] (77 text tokens, optionally image tokens after them)
/// → <c>out_sample</c> float32 [batch, 4, h, w]:
/// <code>
/// x̂0 = γ_t·blur(x_t)/√ᾱ_t + (1−ᾱ_t)·tint,   tint = TintWeight · mean_sequence(encoder_hidden_states)
/// ε̂  = (x_t − √ᾱ_t·x̂0)/√(1−ᾱ_t) = (x_t − γ_t·blur(x_t))/√(1−ᾱ_t) − √ᾱ_t·√(1−ᾱ_t)·tint
/// </code>
/// blur is a 9-tap binomial (Gaussian-like, σ = √2 latent pixels) depthwise filter with edge padding: the
/// "smoothness prior". γ_t = V/(V + k·σ_t²) (σ_t² = (1−ᾱ_t)/ᾱ_t, k the blur's noise gain, V
/// <see cref="PrevizDesign.PriorVariance"/>) is the Wiener shrink for the noise the blur leaves: ≈ 1 at the noise
/// levels of image-to-image, small near t = 999 so text-to-image does not blow low-frequency noise up. The tint enters in proportion to the noise level 1−ᾱ_t, so its total effect over a
/// denoising run depends on how much noise the run starts from (about ½·ln(1+σ²_start) tints), not on the step
/// count; classifier-free guidance multiplies the (cond − uncond) tint by the guidance scale.
/// </summary>
internal static class PrevizUNet
{
    public static float[] BlurKernel()
    {
        // Row of Pascal's triangle: exact binomial weights, a discrete Gaussian with variance order/4.
        int order = PrevizDesign.BlurOrder;
        var weights = new double[order + 1];
        weights[0] = 1;
        for (int n = 1; n <= order; n++)
        {
            for (int k = n; k > 0; k--)
            {
                weights[k] += weights[k - 1];
            }
        }

        double sum = Math.Pow(2, order);
        return PrevizDesign.ToFloats(weights.Select(w => w / sum));
    }

    /// <summary>Tint weight [64, 4]: colour dims map to latent channels, the rest add a small word-specific shift.</summary>
    public static float[] TintWeight()
    {
        int width = PrevizDesign.TokenWidth;
        int channels = PrevizVae.LatentChannels;
        var weights = new double[width * channels];
        for (int c = 0; c < channels; c++)
        {
            weights[(c * channels) + c] = PrevizDesign.TintGain;
        }

        var random = new SplitMix64(PrevizDesign.WordTintSeed);
        for (int d = PrevizDesign.ColourDims; d < width; d++)
        {
            for (int c = 0; c < channels; c++)
            {
                weights[(d * channels) + c] = random.NextStandardish() * PrevizDesign.WordTintGain;
            }
        }

        return PrevizDesign.ToFloats(weights);
    }

    /// <summary>Fraction of white-noise variance that passes the 2-D blur: (Σ w_i²)² over the 1-D taps.</summary>
    public static double BlurNoiseGain()
    {
        double sumOfSquares = BlurKernel().Sum(w => (double)w * w);
        return sumOfSquares * sumOfSquares;
    }

    public static (float[] SqrtAlphaCumprod, float[] SqrtOneMinusAlphaCumprod, float[] PriorShrink) Tables()
    {
        double[] alphasCumprod = ScaledLinearSchedule.AlphasCumprod();
        double noiseGain = BlurNoiseGain();
        return (
            PrevizDesign.ToFloats(alphasCumprod.Select(Math.Sqrt)),
            PrevizDesign.ToFloats(alphasCumprod.Select(a => Math.Sqrt(1.0 - a))),
            PrevizDesign.ToFloats(alphasCumprod.Select(a =>
                PrevizDesign.PriorVariance / (PrevizDesign.PriorVariance + (noiseGain * (1.0 - a) / a)))));
    }

    public static byte[] Build()
    {
        int channels = PrevizVae.LatentChannels;
        int taps = PrevizDesign.BlurOrder + 1;
        int radius = PrevizDesign.BlurOrder / 2;
        int steps = ScaledLinearSchedule.TrainingSteps;
        OnnxModelBuilder model = PrevizDesign.NewModel(
            "previz_unet",
            "Previz UNet: analytic epsilon predictor. x0_hat = shrink_t*blur(x_t)/sqrt(acp_t) + (1-acp_t)*tint(mean(encoder_hidden_states)); "
            + "out = (x_t - sqrt(acp_t)*x0_hat)/sqrt(1-acp_t). Designed, not learned.");
        model.AddInput("sample", OnnxElementType.Float, "batch", channels, "latent_height", "latent_width");
        model.AddInput("timestep", OnnxElementType.Float, "batch");
        model.AddInput("encoder_hidden_states", OnnxElementType.Float, "batch", "sequence", PrevizDesign.TokenWidth);

        (float[] sqrtAlpha, float[] sqrtOneMinusAlpha, float[] priorShrink) = Tables();
        string alphaTable = model.Constant(OnnxTensor.FromFloat("sqrt_alphas_cumprod", [steps], sqrtAlpha));
        string noiseTable = model.Constant(OnnxTensor.FromFloat("sqrt_one_minus_alphas_cumprod", [steps], sqrtOneMinusAlpha));
        string shrinkTable = model.Constant(OnnxTensor.FromFloat("prior_shrink", [steps], priorShrink));
        string zero = model.Constant(OnnxTensor.Scalar("zero", 0f));
        string lastStep = model.Constant(OnnxTensor.Scalar("last_timestep", steps - 1));
        string lastLowerIndex = model.Constant(OnnxTensor.Scalar("last_lower_index", steps - 2));
        string one = model.Constant(OnnxTensor.FromInt64("one", [], [1L]));
        string perSample = model.Constant(OnnxTensor.Vector("per_sample_shape", -1, 1, 1, 1));
        string perChannel = model.Constant(OnnxTensor.Vector("per_channel_shape", -1, channels, 1, 1));

        // Linear interpolation between table entries, so fractional (linspace) timesteps work too.
        string t = model.Apply("Clip", ["timestep", zero, lastStep]);
        string lowerIndexF = model.Apply("Clip", [model.Apply("Floor", [t]), zero, lastLowerIndex]);
        string fraction = model.Apply("Sub", [t, lowerIndexF]);
        string lower = model.Apply("Cast", [lowerIndexF], OnnxAttribute.Int("to", (long)OnnxElementType.Int64));
        string upper = model.Apply("Add", [lower, one]);
        string sqrtAlphaT = model.Apply("Reshape", [Interpolate(model, alphaTable, lower, upper, fraction), perSample]);
        string sqrtNoiseT = model.Apply("Reshape", [Interpolate(model, noiseTable, lower, upper, fraction), perSample]);
        string shrinkT = model.Apply("Reshape", [Interpolate(model, shrinkTable, lower, upper, fraction), perSample]);

        float[] kernel = BlurKernel();
        var vertical = new float[channels * taps];
        for (int c = 0; c < channels; c++)
        {
            kernel.CopyTo(vertical, c * taps);
        }

        string verticalKernel = model.Constant(OnnxTensor.FromFloat("blur_vertical", [channels, 1, taps, 1], vertical));
        string horizontalKernel = model.Constant(OnnxTensor.FromFloat("blur_horizontal", [channels, 1, 1, taps], vertical));
        string pads = model.Constant(OnnxTensor.Vector("blur_pads", 0, 0, radius, radius, 0, 0, radius, radius));
        string padded = model.Apply("Pad", ["sample", pads], OnnxAttribute.String("mode", "edge"));
        string blurredRows = model.Apply("Conv", [padded, verticalKernel],
            OnnxAttribute.Int("group", channels), OnnxAttribute.Ints("kernel_shape", taps, 1));
        string blurred = model.Apply("Conv", [blurredRows, horizontalKernel],
            OnnxAttribute.Int("group", channels), OnnxAttribute.Ints("kernel_shape", 1, taps));

        string meanToken = model.Apply("ReduceMean", ["encoder_hidden_states"],
            OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));
        string tintWeight = model.Constant(OnnxTensor.FromFloat("tint_weight", [PrevizDesign.TokenWidth, channels], TintWeight()));
        string tint = model.Apply("Reshape", [model.Apply("MatMul", [meanToken, tintWeight]), perChannel]);

        string detail = model.Apply("Div", [model.Apply("Sub", ["sample", model.Apply("Mul", [blurred, shrinkT])]), sqrtNoiseT]);
        string tintTerm = model.Apply("Mul", [tint, model.Apply("Mul", [sqrtAlphaT, sqrtNoiseT])]);
        model.AddNode("Sub", [detail, tintTerm], ["out_sample"]);
        model.AddOutput("out_sample", OnnxElementType.Float, "batch", channels, "latent_height", "latent_width");
        return model.ToBytes();
    }

    private static string Interpolate(OnnxModelBuilder model, string table, string lower, string upper, string fraction)
    {
        string low = model.Apply("Gather", [table, lower], OnnxAttribute.Int("axis", 0));
        string high = model.Apply("Gather", [table, upper], OnnxAttribute.Int("axis", 0));
        return model.Apply("Add", [low, model.Apply("Mul", [fraction, model.Apply("Sub", [high, low])])]);
    }
}
