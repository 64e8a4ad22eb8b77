namespace ExplainerStudio.Generation.Tests.Previz;

/// <summary>
/// The pack inside a real sampler (Euler, leading spacing, CFG): the layout survives image-to-image, the seed
/// varies it, and colour words tint it more strongly with more guidance.
/// </summary>
[Collection(PrevizPackCollection.Name)]
public sealed class PrevizDenoisingTests(PrevizPackFixture pack)
{
    private const int Size = 256;
    private const string Prompt = "a man standing in a field";
    private readonly PrevizDenoiser _denoiser = new(pack);
    private readonly float[] _layout = TestImages.Layout(Size, Size);

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.6)]
    [InlineData(0.7)]
    public void ImageToImage_KeepsTheLayoutRecognisable(double strength)
    {
        float[] result = Render(Prompt, strength, 7.5, 1);

        Assert.True(TestImages.Correlation(result, _layout) > 0.7, $"correlation with the layout {TestImages.Correlation(result, _layout):F3}");
    }

    [Fact]
    public void DifferentSeeds_VaryTheDetails()
    {
        float[] first = Render(Prompt, 0.6, 7.5, 1);
        float[] second = Render(Prompt, 0.6, 7.5, 2);

        Assert.InRange(TestImages.RootMeanSquareDifference(first, second), 0.05, 0.5);
        Assert.True(TestImages.Correlation(first, second) > 0.7);
    }

    [Fact]
    public void SameSeed_GivesTheSameImage()
    {
        Assert.Equal(Render(Prompt, 0.6, 7.5, 5), Render(Prompt, 0.6, 7.5, 5));
    }

    [Fact]
    public void ColourWords_TintTheImage()
    {
        double plain = Redness(Render(Prompt, 0.6, 7.5, 1));
        double red = Redness(Render("a red man standing in a field", 0.6, 7.5, 1));
        double blue = Redness(Render("a blue man standing in a field", 0.6, 7.5, 1));

        Assert.True(red > plain + 0.1, $"red {red:F3} vs plain {plain:F3}");
        Assert.True(blue < plain - 0.1, $"blue {blue:F3} vs plain {plain:F3}");
    }

    [Fact]
    public void Guidance_StrengthensThePromptsTint()
    {
        double baseline = Redness(Render(string.Empty, 0.6, 1.0, 1));
        double weak = Redness(Render("a red man standing in a field", 0.6, 2.0, 1));
        double strong = Redness(Render("a red man standing in a field", 0.6, 7.5, 1));

        Assert.True(weak > baseline);
        Assert.True(strong - baseline > 3 * (weak - baseline), $"baseline {baseline:F3}, guidance 2: {weak:F3}, guidance 7.5: {strong:F3}");
    }

    [Fact]
    public void FullStrength_StaysInTheImageRange()
    {
        float[] result = Render(Prompt, 1.0, 7.5, 3);

        Assert.All(result, v => Assert.True(float.IsFinite(v)));
        Assert.True(result.Count(v => Math.Abs(v) > 1.5f) < result.Length / 20);
    }

    private float[] Render(string prompt, double strength, double guidance, ulong seed) =>
        _denoiser.ImageToImage(_layout, Size, Size, prompt, string.Empty, strength, guidance, 20, seed);

    /// <summary>Mean of R minus the mean of G and B, in [-1, 1] pixel units.</summary>
    private static double Redness(float[] image) =>
        TestImages.ChannelMean(image, 0) - ((TestImages.ChannelMean(image, 1) + TestImages.ChannelMean(image, 2)) / 2);
}
