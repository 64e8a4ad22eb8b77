using ExplainerStudio.Generation.Previz;

namespace ExplainerStudio.Generation.Tests.Previz;

[Collection(PrevizPackCollection.Name)]
public sealed class PrevizImageEncoderTests(PrevizPackFixture pack)
{
    private static readonly double[] ClipMean = [0.48145466, 0.4578275, 0.40821073];
    private static readonly double[] ClipStd = [0.26862954, 0.26130258, 0.27577711];

    [Fact]
    public void SimilarImages_AreCloserThanDifferentOnes()
    {
        float[] layout = TestImages.Layout(224, 224);
        float[] brighter = layout.Select(v => Math.Min(1f, v + 0.08f)).ToArray();
        float[] mirrored = Mirror(layout, 224, 224);
        float[] ramps = TestImages.SmoothRamps(224, 224);

        float[] embeds = Embed(layout, brighter, mirrored, ramps);

        double near = CosineDistance(embeds, 0, 1);
        Assert.True(near < CosineDistance(embeds, 0, 2), "a mirrored layout should be further than a brighter copy");
        Assert.True(CosineDistance(embeds, 0, 2) < CosineDistance(embeds, 0, 3), "a mirrored layout should be nearer than an unrelated image");
        Assert.True(Euclidean(embeds, 0, 1) < Euclidean(embeds, 0, 2));
    }

    [Fact]
    public void Embedding_IsTheSameForTheSameImage()
    {
        float[] layout = TestImages.Layout(224, 224);

        float[] embeds = Embed(layout, layout);

        Assert.Equal(embeds.AsSpan(0, 96).ToArray(), embeds.AsSpan(96, 96).ToArray());
        Assert.Equal(0, CosineDistance(embeds, 0, 1), 1e-6);
    }

    [Fact]
    public void ImageTokens_CarryTheQuadrantColoursInTheColourDims()
    {
        float[] image = TestImages.Solid(224, 224, 0.2, 0.6, 0.9);

        float[] tokens = pack.EncodeImage(ToPixelValues(image), 1)["image_tokens"].As<float>().Span.ToArray();

        double[] colour = PrevizColorSpace.ToScaledLatent(-0.6, 0.2, 0.8);
        Assert.Equal(4 * 64, tokens.Length);
        for (int token = 0; token < 4; token++)
        {
            for (int d = 0; d < 64; d++)
            {
                double expected = d < 3 ? colour[d] : 0;
                Assert.Equal(expected, tokens[(token * 64) + d], 1e-4);
            }
        }
    }

    private float[] Embed(params float[][] images)
    {
        float[] pixels = images.SelectMany(ToPixelValues).ToArray();
        return pack.EncodeImage(pixels, images.Length)["image_embeds"].As<float>().Span.ToArray();
    }

    private static float[] ToPixelValues(float[] signedImage)
    {
        int plane = signedImage.Length / 3;
        var result = new float[signedImage.Length];
        for (int i = 0; i < signedImage.Length; i++)
        {
            int c = i / plane;
            result[i] = (float)((((signedImage[i] + 1) / 2) - ClipMean[c]) / ClipStd[c]);
        }

        return result;
    }

    private static float[] Mirror(float[] image, int height, int width)
    {
        var result = new float[image.Length];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    result[(((c * height) + y) * width) + x] = image[(((c * height) + y) * width) + (width - 1 - x)];
                }
            }
        }

        return result;
    }

    private static double CosineDistance(float[] embeds, int a, int b)
    {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < 96; d++)
        {
            double x = embeds[(a * 96) + d];
            double y = embeds[(b * 96) + d];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }

        return 1 - (dot / Math.Sqrt(na * nb));
    }

    private static double Euclidean(float[] embeds, int a, int b)
    {
        double sum = 0;
        for (int d = 0; d < 96; d++)
        {
            double diff = embeds[(a * 96) + d] - embeds[(b * 96) + d];
            sum += diff * diff;
        }

        return Math.Sqrt(sum);
    }
}
