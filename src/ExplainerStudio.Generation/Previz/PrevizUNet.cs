using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// unet: an analytic epsilon predictor with the SD 1.x interface.
/// <c>sample</c> float32 [batch, 4, h, w] (x_t = √ᾱ·x0 + √(1−ᾱ)·ε, which is also what Euler pipelines feed
/// after scale_model_input), <c>timestep</c> float32 [batch or 1] (fractional timesteps interpolate the tables),
/// <c>encoder_hidden_states</c> float32 [batch, sequence, 64] (77 text tokens, optionally image tokens after them)
/// → <c>out_sample</c> float32 [batch, 4, h, w]:
/// <code>
/// x̂0 = γ_t,c·[(1−w_t,c)·x_t + w_t,c·blur_c(x_t)]/√ᾱ_t + (1−ᾱ_t)·tint,   tint = TintWeight · mean_sequence(encoder_hidden_states)
/// ε̂  = (x_t − √ᾱ_t·x̂0)/√(1−ᾱ_t) = (x_t − keep_t,c·x_t − smooth_t,c·blur_c(x_t))/√(1−ᾱ_t) − √ᾱ_t·√(1−ᾱ_t)·tint
/// </code>
/// with keep = γ·(1−w) and smooth = γ·w tabled per timestep and channel. blur_c is a depthwise binomial
/// (Gaussian-like) filter with edge padding, the "smoothness prior": 9 taps for luma (channel 0), 25 for chroma.
/// w_t,c = N_t/(N_t + c_c) with N_t = (1−ᾱ_t)/ᾱ_t is a Wiener-style smoothing weight: early, noisy steps take
/// the blur, late steps keep the sample, so the blur does not compound over the run (a fixed blur at every step,
/// including the last, almost clean one, left only soft blobs). γ_t,c = V_c/(V_c + k_c·N_t) (k_c the blur's noise
/// gain) is the Wiener shrink for the noise the blur leaves: ≈ 1 for luma at image-to-image noise levels, a bit
/// lower for chroma so low-frequency colour noise fades, small near t = 999 so text-to-image does not blow
/// low-frequency noise up. The tint enters in proportion to the noise level 1−ᾱ_t, so its total effect over a
/// denoising run depends on how much noise the run starts from (about ½·ln(1+σ²_start) tints), not on the step
/// count; classifier-free guidance multiplies the (cond − uncond) tint by the guidance scale.
/// </summary>
internal static class PrevizUNet
{
    private static int MaxBlurOrder => Math.Max(PrevizDesign.LumaBlurOrder, PrevizDesign.ChromaBlurOrder);

    /// <summary>Binomial blur order of latent channel <paramref name="channel"/>: luma keeps finer detail than chroma.</summary>
    public static int BlurOrder(int channel) => channel == 0 ? PrevizDesign.LumaBlurOrder : PrevizDesign.ChromaBlurOrder;

    /// <summary>Detail variance c of a channel in w_t = N_t/(N_t + c).</summary>
    public static double DetailVariance(int channel) => channel == 0 ? PrevizDesign.LumaDetailVariance : PrevizDesign.ChromaDetailVariance;

    /// <summary>Prior variance V of a channel in γ_t = V/(V + k·N_t).</summary>
    public static double PriorVariance(int channel) => channel == 0 ? PrevizDesign.PriorVariance : PrevizDesign.ChromaPriorVariance;

    /// <summary>The 1-D taps of a channel's blur, zero-padded and centred to the widest channel's length.</summary>
    public static float[] BlurKernel(int channel)
    {
        // Row of Pascal's triangle: exact binomial weights, a discrete Gaussian with variance order/4.
        int order = BlurOrder(channel);
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
        int padding = (MaxBlurOrder - order) / 2;
        var taps = new double[MaxBlurOrder + 1];
        for (int i = 0; i <= order; i++)
        {
            taps[padding + i] = weights[i] / sum;
        }

        return PrevizDesign.ToFloats(taps);
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

    /// <summary>Fraction of white-noise variance that passes a channel's 2-D blur: (Σ w_i²)² over the 1-D taps.</summary>
    public static double BlurNoiseGain(int channel)
    {
        double sumOfSquares = BlurKernel(channel).Sum(w => (double)w * w);
        return sumOfSquares * sumOfSquares;
    }

    /// <summary>
    /// Per-timestep tables: √ᾱ_t and √(1−ᾱ_t) [1000], and per timestep and latent channel [1000, 4] the weights
    /// the UNet gives the sample itself (keep = γ_t·(1−w_t,c)) and its blur (smooth = γ_t·w_t,c).
    /// </summary>
    public static PrevizUNetTables Tables()
    {
        double[] alphasCumprod = ScaledLinearSchedule.AlphasCumprod();
        int channels = PrevizVae.LatentChannels;
        double[] noiseGain = Enumerable.Range(0, channels).Select(BlurNoiseGain).ToArray();
        var keep = new double[alphasCumprod.Length * channels];
        var smooth = new double[alphasCumprod.Length * channels];
        for (int t = 0; t < alphasCumprod.Length; t++)
        {
            double a = alphasCumprod[t];
            double noiseToSignal = (1.0 - a) / a;
            for (int c = 0; c < channels; c++)
            {
                double prior = PriorVariance(c);
                double shrink = prior / (prior + (noiseGain[c] * noiseToSignal));
                double smoothing = noiseToSignal / (noiseToSignal + DetailVariance(c));
                keep[(t * channels) + c] = shrink * (1.0 - smoothing);
                smooth[(t * channels) + c] = shrink * smoothing;
            }
        }

        return new PrevizUNetTables(
            PrevizDesign.ToFloats(alphasCumprod.Select(Math.Sqrt)),
            PrevizDesign.ToFloats(alphasCumprod.Select(a => Math.Sqrt(1.0 - a))),
            PrevizDesign.ToFloats(keep),
            PrevizDesign.ToFloats(smooth));
    }

    public static byte[] Build()
    {
        int channels = PrevizVae.LatentChannels;
        int taps = MaxBlurOrder + 1;
        int radius = MaxBlurOrder / 2;
        int steps = ScaledLinearSchedule.TrainingSteps;
        OnnxModelBuilder model = PrevizDesign.NewModel(
            "previz_unet",
            "Previz UNet: analytic epsilon predictor. x0_hat = (keep_t,c*x_t + smooth_t,c*blur_c(x_t))/sqrt(acp_t) + (1-acp_t)*tint(mean(encoder_hidden_states)); "
            + "out = (x_t - sqrt(acp_t)*x0_hat)/sqrt(1-acp_t). Designed, not learned.");
        model.AddInput("sample", OnnxElementType.Float, "batch", channels, "latent_height", "latent_width");
        model.AddInput("timestep", OnnxElementType.Float, "batch");
        model.AddInput("encoder_hidden_states", OnnxElementType.Float, "batch", "sequence", PrevizDesign.TokenWidth);

        PrevizUNetTables tables = Tables();
        string alphaTable = model.Constant(OnnxTensor.FromFloat("sqrt_alphas_cumprod", [steps], tables.SqrtAlphaCumprod));
        string noiseTable = model.Constant(OnnxTensor.FromFloat("sqrt_one_minus_alphas_cumprod", [steps], tables.SqrtOneMinusAlphaCumprod));
        string keepTable = model.Constant(OnnxTensor.FromFloat("detail_keep", [steps, channels], tables.Keep));
        string smoothTable = model.Constant(OnnxTensor.FromFloat("smooth_weight", [steps, channels], tables.Smooth));
        string zero = model.Constant(OnnxTensor.Scalar("zero", 0f));
        string lastStep = model.Constant(OnnxTensor.Scalar("last_timestep", steps - 1));
        string lastLowerIndex = model.Constant(OnnxTensor.Scalar("last_lower_index", steps - 2));
        string one = model.Constant(OnnxTensor.FromInt64("one", [], [1L]));
        string perSample = model.Constant(OnnxTensor.Vector("per_sample_shape", -1, 1, 1, 1));
        string perChannel = model.Constant(OnnxTensor.Vector("per_channel_shape", -1, channels, 1, 1));
        string column = model.Constant(OnnxTensor.Vector("column_shape", -1, 1));

        // Linear interpolation between table entries, so fractional (linspace) timesteps work too.
        string t = model.Apply("Clip", ["timestep", zero, lastStep]);
        string lowerIndexF = model.Apply("Clip", [model.Apply("Floor", [t]), zero, lastLowerIndex]);
        string fraction = model.Apply("Sub", [t, lowerIndexF]);
        string lower = model.Apply("Cast", [lowerIndexF], OnnxAttribute.Int("to", (long)OnnxElementType.Int64));
        string upper = model.Apply("Add", [lower, one]);
        string sqrtAlphaT = model.Apply("Reshape", [Interpolate(model, alphaTable, lower, upper, fraction), perSample]);
        string sqrtNoiseT = model.Apply("Reshape", [Interpolate(model, noiseTable, lower, upper, fraction), perSample]);
        string channelFraction = model.Apply("Reshape", [fraction, column]);
        string keepT = model.Apply("Reshape", [Interpolate(model, keepTable, lower, upper, channelFraction), perChannel]);
        string smoothT = model.Apply("Reshape", [Interpolate(model, smoothTable, lower, upper, channelFraction), perChannel]);

        var vertical = new float[channels * taps];
        for (int c = 0; c < channels; c++)
        {
            BlurKernel(c).CopyTo(vertical, c * taps);
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

        string estimate = model.Apply("Add", [model.Apply("Mul", ["sample", keepT]), model.Apply("Mul", [blurred, smoothT])]);
        string detail = model.Apply("Div", [model.Apply("Sub", ["sample", estimate]), sqrtNoiseT]);
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
