using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// image_encoder: <c>pixel_values</c> float32 [batch, 3, 224, 224], CLIP-normalised like every CLIP vision
/// model ((rgb01 − mean)/std) →
/// <list type="bullet">
/// <item><c>image_embeds</c> float32 [batch, 96]: a constant, the colour mean and spread, and a fixed random
/// projection of an 8×8 thumbnail in latent colour units, so Euclidean and cosine distances track visual
/// differences;</item>
/// <item><c>image_tokens</c> float32 [batch, 4, 64]: the mean colours of the four quadrants in the colour dims
/// of the UNet's token space, ready to append after the 77 text tokens.</item>
/// </list>
/// </summary>
internal static class PrevizImageEncoder
{
    private const int StatisticsCount = 6;

    /// <summary>1×1 weights [3, 3] and bias [3]: CLIP-normalised RGB → scaled latent colour channels 0..2.</summary>
    public static (float[] Weights, float[] Bias) ColourTransform()
    {
        var weights = new double[9];
        var bias = new double[3];
        for (int latent = 0; latent < 3; latent++)
        {
            for (int rgb = 0; rgb < 3; rgb++)
            {
                // rgb in [-1, 1] = 2·(std·x + mean) − 1.
                double f = PrevizColorSpace.Forward[latent, rgb];
                weights[(latent * 3) + rgb] = f * 2.0 * PrevizDesign.ClipStd[rgb];
                bias[latent] += f * ((2.0 * PrevizDesign.ClipMean[rgb]) - 1.0);
            }
        }

        return (PrevizDesign.ToFloats(weights), PrevizDesign.ToFloats(bias));
    }

    /// <summary>
    /// Thumbnail projection [192, 96]: columns 0..6 are reserved for the constant and the statistics, the
    /// rest are pseudo-random with variance 1/89 so squared distances are preserved on average.
    /// </summary>
    public static float[] ThumbnailProjection()
    {
        int inputs = 3 * PrevizDesign.ThumbnailSize * PrevizDesign.ThumbnailSize;
        int width = PrevizDesign.ImageEmbeddingWidth;
        int reserved = 1 + StatisticsCount;
        var weights = new double[inputs * width];
        var random = new SplitMix64(PrevizDesign.ThumbnailProjectionSeed);
        double scale = 1.0 / Math.Sqrt(width - reserved);
        for (int i = 0; i < inputs; i++)
        {
            for (int e = reserved; e < width; e++)
            {
                weights[(i * width) + e] = random.NextStandardish() * scale;
            }
        }

        return PrevizDesign.ToFloats(weights);
    }

    public static byte[] Build()
    {
        int size = PrevizDesign.ImageSize;
        int thumb = PrevizDesign.ThumbnailSize;
        int block = size / thumb;
        int width = PrevizDesign.ImageEmbeddingWidth;
        int tokenWidth = PrevizDesign.TokenWidth;
        int tokens = PrevizDesign.ImageTokenCount;
        OnnxModelBuilder model = PrevizDesign.NewModel(
            "previz_image_encoder",
            "Previz image encoder: colour statistics and a fixed random projection of an 8x8 thumbnail (image_embeds), "
            + "quadrant colours as UNet tokens (image_tokens). Input is CLIP-normalised. Designed, not learned.");
        model.AddInput("pixel_values", OnnxElementType.Float, "batch", 3, size, size);

        (float[] colourWeights, float[] colourBias) = ColourTransform();
        string pooled = model.Apply("AveragePool", ["pixel_values"],
            OnnxAttribute.Ints("kernel_shape", block, block), OnnxAttribute.Ints("strides", block, block));
        string thumbnail = model.Apply("Conv", [
            pooled,
            model.Constant(OnnxTensor.FromFloat("colour_weight", [3, 3, 1, 1], colourWeights)),
            model.Constant(OnnxTensor.FromFloat("colour_bias", [3], colourBias)),
        ], OnnxAttribute.Ints("kernel_shape", 1, 1));

        // Image tokens: quadrant colours placed in the colour dims 0..2 of the token space.
        int quadrant = thumb / 2;
        string quadrants = model.Apply("AveragePool", [thumbnail],
            OnnxAttribute.Ints("kernel_shape", quadrant, quadrant), OnnxAttribute.Ints("strides", quadrant, quadrant));
        var placement = new float[tokenWidth * 3];
        for (int c = 0; c < 3; c++)
        {
            placement[(c * 3) + c] = 1f;
        }

        string placed = model.Apply("Conv", [quadrants, model.Constant(OnnxTensor.FromFloat("token_placement", [tokenWidth, 3, 1, 1], placement))],
            OnnxAttribute.Ints("kernel_shape", 1, 1));
        string tokenRows = model.Apply("Reshape", [placed, model.Constant(OnnxTensor.Vector("token_rows_shape", 0, tokenWidth, tokens))]);
        model.AddNode("Transpose", [tokenRows], ["image_tokens"], OnnxAttribute.Ints("perm", 0, 2, 1));

        // Embedding: constant + statistics + random projection of the thumbnail.
        int thumbValues = 3 * thumb * thumb;
        string flat = model.Apply("Reshape", [thumbnail, model.Constant(OnnxTensor.Vector("flat_shape", 0, thumbValues))]);
        string projected = model.Apply("MatMul", [flat,
            model.Constant(OnnxTensor.FromFloat("thumbnail_projection", [thumbValues, width], ThumbnailProjection()))]);
        string perChannel = model.Apply("Reshape", [thumbnail, model.Constant(OnnxTensor.Vector("per_channel_shape", 0, 3, thumb * thumb))]);
        string mean = model.Apply("ReduceMean", [perChannel], OnnxAttribute.Ints("axes", 2), OnnxAttribute.Int("keepdims", 1));
        string centred = model.Apply("Sub", [perChannel, mean]);
        string spread = model.Apply("Sqrt", [model.Apply("ReduceMean", [model.Apply("Mul", [centred, centred])],
            OnnxAttribute.Ints("axes", 2), OnnxAttribute.Int("keepdims", 0))]);
        string meanFlat = model.Apply("Reshape", [mean, model.Constant(OnnxTensor.Vector("mean_shape", 0, 3))]);
        string statistics = model.Apply("Concat", [meanFlat, spread], OnnxAttribute.Int("axis", 1));
        var statisticsWeights = new float[StatisticsCount * width];
        for (int s = 0; s < StatisticsCount; s++)
        {
            statisticsWeights[(s * width) + 1 + s] = (float)PrevizDesign.StatisticsGain;
        }

        string placedStatistics = model.Apply("MatMul", [statistics,
            model.Constant(OnnxTensor.FromFloat("statistics_placement", [StatisticsCount, width], statisticsWeights))]);
        var bias = new float[width];
        bias[0] = (float)PrevizDesign.EmbeddingBias;
        string embedding = model.Apply("Add", [projected, placedStatistics]);
        model.AddNode("Add", [embedding, model.Constant(OnnxTensor.FromFloat("embedding_bias", [width], bias))], ["image_embeds"]);

        model.AddOutput("image_embeds", OnnxElementType.Float, "batch", width);
        model.AddOutput("image_tokens", OnnxElementType.Float, "batch", tokens, tokenWidth);
        return model.ToBytes();
    }
}
