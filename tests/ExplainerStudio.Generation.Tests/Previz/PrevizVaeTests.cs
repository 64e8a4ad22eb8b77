using ExplainerStudio.Generation.Previz;

namespace ExplainerStudio.Generation.Tests.Previz;

[Collection(PrevizPackCollection.Name)]
public sealed class PrevizVaeTests(PrevizPackFixture pack)
{
    private const double ScalingFactor = 0.18215;

    [Fact]
    public void SolidColour_EncodesToItsLumaAndChromaOverTheScalingFactor()
    {
        float[] image = TestImages.Solid(16, 24, 0.9, 0.3, 0.1);

        float[] latents = pack.Encode(image, 1, 16, 24);

        double[] expected = PrevizColorSpace.ToScaledLatent(0.8, -0.4, -0.8);
        Assert.Equal(4 * 2 * 3, latents.Length);
        for (int c = 0; c < 4; c++)
        {
            Assert.All(latents.AsSpan(c * 6, 6).ToArray(), v => Assert.Equal(expected[c] / ScalingFactor, v, 1e-3));
        }
    }

    [Fact]
    public void SmoothImage_SurvivesEncodeDecode()
    {
        float[] image = TestImages.SmoothRamps(64, 96);

        float[] decoded = pack.Decode(pack.Encode(image, 1, 64, 96), 1, 8, 12);

        Assert.Equal(image.Length, decoded.Length);
        Assert.InRange(TestImages.RootMeanSquareDifference(image, decoded), 0, 0.01);
    }

    [Fact]
    public void Layout_SurvivesEncodeDecodeAsASofterCopy()
    {
        float[] image = TestImages.Layout(128, 128);

        float[] decoded = pack.Decode(pack.Encode(image, 1, 128, 128), 1, 16, 16);

        Assert.InRange(TestImages.RootMeanSquareDifference(image, decoded), 0.01, 0.2);
        Assert.True(TestImages.Correlation(image, decoded) > 0.95);
    }

    [Fact]
    public void ScaledLatents_OfAnOrdinaryImage_HaveRoughlyUnitVariance()
    {
        float[] latents = pack.Encode(TestImages.Layout(128, 128), 1, 128, 128);

        double[] scaled = latents.AsSpan(0, 3 * 256).ToArray().Select(v => v * ScalingFactor).ToArray();
        double mean = scaled.Average();
        double std = Math.Sqrt(scaled.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(std, 0.5, 2.0);
    }

    [Fact]
    public void Decoder_IgnoresTheFourthChannel()
    {
        float[] latents = pack.Encode(TestImages.Layout(32, 32), 1, 32, 32);
        float[] changed = (float[])latents.Clone();
        Array.Fill(changed, 7f, 3 * 16, 16);

        Assert.Equal(pack.Decode(latents, 1, 4, 4), pack.Decode(changed, 1, 4, 4));
    }
}
