using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// unet: an analytic epsilon predictor with the SD 1.x interface.
/// <c>sample</c> float32 [batch, 4, h, w] (x_t = √ᾱ·x0 + √(1−ᾱ)·ε, which is also what Euler pipelines feed
/// after scale_model_input), <c>timestep</c> float32 [batch or 1] (fractional timesteps interpolate the tables),
/// <c>encoder_hidden_states</c> float32 [batch, sequence ≥ 77, 64] (77 text tokens, optionally image tokens after
/// them) → <c>out_sample</c> float32 [batch, 4, h, w]:
/// <code>
/// s   = x_t/√ᾱ_t                                  (the clean image plus noise of standard deviation σ_t)
/// g   = blur5(s)                                  (a 5×5 binomial guide, so colour distances are not read off noise)
/// D   = γ_t · Σ_o w_o·s(p+o) / Σ_o w_o,  w_o = exp(ρ_t·Σ_c κ_c·(g_c(p+o) − g_c(p))²),  o over a 7×7 box
/// x̂0 = D + (1−ᾱ_t)·tint,   tint = W·mean(text tokens) + W_img·mean(image tokens)
/// ε̂  = (x_t − √ᾱ_t·x̂0)/√(1−ᾱ_t)
/// </code>
/// D is an edge-preserving (bilateral, "sigma") filter: each latent pixel becomes the mean of the neighbours whose
/// colour is alike, alike meaning within h_t (ρ_t = −1/(2h_t²), h_t² = h0² + λ·σ_t²) over the colour channels
/// (κ = 1, 1, 1, 0). Flat and smoothly graded areas lose their noise (a box mean of 49 pixels), edges between
/// different colours stay sharp, and as σ_t falls the filter narrows so the last steps keep what the layout has.
/// Because the scheduler's last sigma is 0, what remains after the last step is this estimate: a clean image.
/// γ_t = V/(V + σ_t²/49) pulls leftover low-frequency noise toward grey at text-to-image noise levels. The tint
/// enters in proportion to the noise level 1−ᾱ_t, so its total effect over a run depends on how much noise the run
/// starts from, not on the step count; classifier-free guidance multiplies the (cond − uncond) tint by its scale.
/// </summary>
internal static class PrevizUNet
{
    private static int FilterSide => (2 * PrevizDesign.FilterRadius) + 1;

    private static int Passes => PrevizDesign.FilterDilations.Count;

    /// <summary>Weights κ_c of the latent channels in the filter's colour distance: the colour channels, not the empty fourth.</summary>
    public static float[] DistanceWeights() => [1f, 1f, 1f, 0f];

    /// <summary>The guide's 1-D binomial taps (1 4 6 4 1)/16.</summary>
    public static float[] GuideKernel() => [0.0625f, 0.25f, 0.375f, 0.25f, 0.0625f];

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

    /// <summary>Image-token tint weight [64, 4]: the two chroma dims to the chroma channels, nothing else.</summary>
    public static float[] ImageTintWeight()
    {
        int channels = PrevizVae.LatentChannels;
        var weights = new double[PrevizDesign.TokenWidth * channels];
        for (int c = 1; c < 3; c++)
        {
            weights[(c * channels) + c] = PrevizDesign.ImageTintGain;
        }

        return PrevizDesign.ToFloats(weights);
    }

    /// <summary>Per-timestep tables [1000]: √ᾱ_t, √(1−ᾱ_t), the shrink γ_t and the range coefficient ρ_t.</summary>
    public static PrevizUNetTables Tables()
    {
        double[] alphasCumprod = ScaledLinearSchedule.AlphasCumprod();
        double boxSize = Math.Pow(FilterSide, 2 * PrevizDesign.FilterDilations.Count);
        var shrink = new double[alphasCumprod.Length];
        int passes = PrevizDesign.FilterDilations.Count;
        var range = new double[alphasCumprod.Length * passes];
        for (int t = 0; t < alphasCumprod.Length; t++)
        {
            double a = alphasCumprod[t];
            double noiseVariance = (1.0 - a) / a;
            shrink[t] = PrevizDesign.PriorVariance / (PrevizDesign.PriorVariance + (noiseVariance / boxSize));
            for (int pass = 0; pass < passes; pass++)
            {
                range[(t * passes) + pass] = -1.0 / (2.0 * (PrevizDesign.RangeFloor + (PrevizDesign.RangeNoiseGains[pass] * noiseVariance)));
            }
        }

        return new PrevizUNetTables(
            PrevizDesign.ToFloats(alphasCumprod.Select(Math.Sqrt)),
            PrevizDesign.ToFloats(alphasCumprod.Select(a => Math.Sqrt(1.0 - a))),
            PrevizDesign.ToFloats(shrink),
            PrevizDesign.ToFloats(range));
    }

    public static byte[] Build()
    {
        int channels = PrevizVae.LatentChannels;
        int radius = PrevizDesign.FilterRadius;
        int steps = ScaledLinearSchedule.TrainingSteps;
        OnnxModelBuilder model = PrevizDesign.NewModel(
            "previz_unet",
            "Previz UNet: analytic epsilon predictor. x0_hat = shrink_t * bilateral_7x7(x_t/sqrt(acp_t)) + (1-acp_t)*tint(text tokens, image tokens); "
            + "out = (x_t - sqrt(acp_t)*x0_hat)/sqrt(1-acp_t). Designed, not learned.");
        model.AddInput("sample", OnnxElementType.Float, "batch", channels, "latent_height", "latent_width");
        model.AddInput("timestep", OnnxElementType.Float, "batch");
        model.AddInput("encoder_hidden_states", OnnxElementType.Float, "batch", "sequence", PrevizDesign.TokenWidth);

        PrevizUNetTables tables = Tables();
        string alphaTable = model.Constant(OnnxTensor.FromFloat("sqrt_alphas_cumprod", [steps], tables.SqrtAlphaCumprod));
        string noiseTable = model.Constant(OnnxTensor.FromFloat("sqrt_one_minus_alphas_cumprod", [steps], tables.SqrtOneMinusAlphaCumprod));
        string shrinkTable = model.Constant(OnnxTensor.FromFloat("prior_shrink", [steps], tables.Shrink));
        string rangeTable = model.Constant(OnnxTensor.FromFloat("range_coefficient", [steps, Passes], tables.RangeCoefficient));
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
        string column = model.Constant(OnnxTensor.Vector("column_shape", -1, 1));
        string rangeT = Interpolate(model, rangeTable, lower, upper, model.Apply("Reshape", [fraction, column]));

        string signal = model.Apply("Div", ["sample", sqrtAlphaT]);
        string guide = GuideBlur(model, signal, channels);
        string filtered = signal;
        for (int pass = 0; pass < Passes; pass++)
        {
            string passRange = model.Apply("Reshape", [
                model.Apply("Gather", [rangeT, model.Constant(OnnxTensor.FromInt64(model.NewName("pass"), [], [pass]))], OnnxAttribute.Int("axis", 1)),
                perSample]);
            filtered = EdgePreservingMean(model, filtered, pass == 0 ? guide : filtered, passRange, radius, PrevizDesign.FilterDilations[pass]);
        }
        string denoised = model.Apply("Mul", [filtered, shrinkT]);

        string tint = model.Apply("Reshape", [Tint(model), perChannel]);
        string detail = model.Apply("Div", [model.Apply("Sub", ["sample", model.Apply("Mul", [denoised, sqrtAlphaT])]), sqrtNoiseT]);
        string tintTerm = model.Apply("Mul", [tint, model.Apply("Mul", [sqrtAlphaT, sqrtNoiseT])]);
        model.AddNode("Sub", [detail, tintTerm], ["out_sample"]);
        model.AddOutput("out_sample", OnnxElementType.Float, "batch", channels, "latent_height", "latent_width");
        return model.ToBytes();
    }

    /// <summary>The separable binomial guide blur, edge-padded, per channel.</summary>
    private static string GuideBlur(OnnxModelBuilder model, string input, int channels)
    {
        float[] kernel = GuideKernel();
        int length = kernel.Length;
        int half = length / 2;
        var taps = new float[channels * length];
        for (int c = 0; c < channels; c++)
        {
            kernel.CopyTo(taps, c * length);
        }

        string vertical = model.Constant(OnnxTensor.FromFloat("guide_vertical", [channels, 1, length, 1], taps));
        string horizontal = model.Constant(OnnxTensor.FromFloat("guide_horizontal", [channels, 1, 1, length], taps));
        string pads = model.Constant(OnnxTensor.Vector("guide_pads", 0, 0, half, half, 0, 0, half, half));
        string padded = model.Apply("Pad", [input, pads], OnnxAttribute.String("mode", "edge"));
        string rows = model.Apply("Conv", [padded, vertical], OnnxAttribute.Int("group", channels), OnnxAttribute.Ints("kernel_shape", length, 1));
        return model.Apply("Conv", [rows, horizontal], OnnxAttribute.Int("group", channels), OnnxAttribute.Ints("kernel_shape", 1, length));
    }

    /// <summary>Σ_o w_o·s(p+o) / Σ_o w_o over the box, w_o = exp(ρ·distance²(guide(p+o), guide(p))), edge-padded.</summary>
    private static string EdgePreservingMean(OnnxModelBuilder model, string signal, string guide, string range, int radius, int dilation)
    {
        int reach = radius * dilation;
        string pads = model.Constant(OnnxTensor.Vector(model.NewName("filter_pads"), 0, 0, reach, reach, 0, 0, reach, reach));
        string paddedSignal = model.Apply("Pad", [signal, pads], OnnxAttribute.String("mode", "edge"));
        string paddedGuide = model.Apply("Pad", [guide, pads], OnnxAttribute.String("mode", "edge"));

        // Neighbours outside the frame get weight 0 (a mask of ones padded with zeros), so a border pixel averages
        // real pixels instead of copies of itself.
        string firstChannel = model.Apply("Slice", [signal,
            model.Constant(OnnxTensor.Vector(model.NewName("channel_start"), 0)), model.Constant(OnnxTensor.Vector(model.NewName("channel_end"), 1)),
            model.Constant(OnnxTensor.Vector(model.NewName("channel_axis"), 1))]);
        string ones = model.Apply("Add", [model.Apply("Mul", [firstChannel, model.Constant(OnnxTensor.Scalar(model.NewName("zero"), 0f))]),
            model.Constant(OnnxTensor.Scalar(model.NewName("one"), 1f))]);
        string inside = model.Apply("Pad", [ones, pads], OnnxAttribute.String("mode", "constant"));
        string distanceWeights = model.Constant(OnnxTensor.FromFloat(model.NewName("distance_weights"), [1, PrevizVae.LatentChannels, 1, 1], DistanceWeights()));
        string axes = model.Constant(OnnxTensor.Vector(model.NewName("spatial_axes"), 2, 3));
        string numerator = signal;
        string denominator = model.Constant(OnnxTensor.Scalar(model.NewName("centre_weight"), 1f));
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                if (dy == 0 && dx == 0)
                {
                    continue;
                }

                string starts = model.Constant(OnnxTensor.Vector(model.NewName("starts"), reach + (dy * dilation), reach + (dx * dilation)));
                string ends = model.Constant(OnnxTensor.Vector(model.NewName("ends"), SliceEnd(dy * dilation, reach), SliceEnd(dx * dilation, reach)));
                string neighbour = model.Apply("Slice", [paddedSignal, starts, ends, axes]);
                string neighbourGuide = model.Apply("Slice", [paddedGuide, starts, ends, axes]);
                string difference = model.Apply("Sub", [neighbourGuide, guide]);
                string distance = model.Apply("Conv", [model.Apply("Mul", [difference, difference]), distanceWeights],
                    OnnxAttribute.Ints("kernel_shape", 1, 1));
                string weight = model.Apply("Mul", [model.Apply("Exp", [model.Apply("Mul", [distance, range])]),
                    model.Apply("Slice", [inside, starts, ends, axes])]);
                numerator = model.Apply("Add", [numerator, model.Apply("Mul", [neighbour, weight])]);
                denominator = model.Apply("Add", [denominator, weight]);
            }
        }

        return model.Apply("Div", [numerator, denominator]);
    }

    // The end of a slice that starts reach + d into a tensor padded by reach on both sides: negative ends count
    // from the end, and the last offset runs to the end itself.
    private static long SliceEnd(int d, int reach) => d == reach ? long.MaxValue : -(reach - d);

    /// <summary>W·mean(text tokens) + W_img·mean(image tokens) (zero without image tokens), [batch, 4].</summary>
    private static string Tint(OnnxModelBuilder model)
    {
        string sequenceAxis = model.Constant(OnnxTensor.Vector("sequence_axis", 1));
        string text = model.Apply("Slice", ["encoder_hidden_states",
            model.Constant(OnnxTensor.Vector("text_start", 0)), model.Constant(OnnxTensor.Vector("text_end", PrevizDesign.TextTokens)), sequenceAxis]);
        string textMean = model.Apply("ReduceMean", [text], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));
        string textTint = model.Apply("MatMul", [textMean,
            model.Constant(OnnxTensor.FromFloat("tint_weight", [PrevizDesign.TokenWidth, PrevizVae.LatentChannels], TintWeight()))]);

        // A zero token keeps the image slice non-empty; the mean divides by the real image-token count (at least 1).
        string images = model.Apply("Slice", ["encoder_hidden_states",
            model.Constant(OnnxTensor.Vector("image_start", PrevizDesign.TextTokens)), model.Constant(OnnxTensor.Vector("image_end", long.MaxValue)), sequenceAxis]);
        string zeroToken = model.Apply("Mul", [model.Apply("Slice", [text,
            model.Constant(OnnxTensor.Vector("first_start", 0)), model.Constant(OnnxTensor.Vector("first_end", 1)), sequenceAxis]), model.Constant(OnnxTensor.Scalar("nothing", 0f))]);
        string imageSum = model.Apply("ReduceSum", [model.Apply("Concat", [images, zeroToken], OnnxAttribute.Int("axis", 1)), sequenceAxis],
            OnnxAttribute.Int("keepdims", 0));
        string sequence = model.Apply("Gather", [model.Apply("Shape", ["encoder_hidden_states"]), model.Constant(OnnxTensor.FromInt64("sequence_index", [], [1L]))],
            OnnxAttribute.Int("axis", 0));
        string imageCount = model.Apply("Max", [model.Apply("Sub", [sequence, model.Constant(OnnxTensor.FromInt64("text_tokens", [], [PrevizDesign.TextTokens]))]),
            model.Constant(OnnxTensor.FromInt64("at_least_one", [], [1L]))]);
        string imageMean = model.Apply("Div", [imageSum, model.Apply("Cast", [imageCount], OnnxAttribute.Int("to", (long)OnnxElementType.Float))]);
        string imageTint = model.Apply("MatMul", [imageMean,
            model.Constant(OnnxTensor.FromFloat("image_tint_weight", [PrevizDesign.TokenWidth, PrevizVae.LatentChannels], ImageTintWeight()))]);
        return model.Apply("Add", [textTint, imageTint]);
    }

    private static string Interpolate(OnnxModelBuilder model, string table, string lower, string upper, string fraction)
    {
        string low = model.Apply("Gather", [table, lower], OnnxAttribute.Int("axis", 0));
        string high = model.Apply("Gather", [table, upper], OnnxAttribute.Int("axis", 0));
        return model.Apply("Add", [low, model.Apply("Mul", [fraction, model.Apply("Sub", [high, low])])]);
    }
}
