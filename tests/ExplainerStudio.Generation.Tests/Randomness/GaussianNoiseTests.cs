using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Tests.Randomness;

public sealed class GaussianNoiseTests
{
    // Computed once by this implementation and cross-checked to float precision against an independent Python version of
    // the documented recipe (Philox4x32-10 + Box–Muller with the C library's log/cos/sin).
    [Theory]
    [InlineData(0UL, 0UL, new[] { 0.9911377f, -0.9246626f, -0.61760896f, -0.4820686f, -0.15363823f, 0.1808259f, 0.83173513f, 0.19743972f })]
    [InlineData(42UL, 0UL, new[] { -0.9701898f, 0.19401896f, -1.2356207f, 1.9239267f, -0.07318151f, 0.13913749f, -1.106665f, 0.32668296f })]
    [InlineData(42UL, 1UL, new[] { 2.127691f, 2.1613739f, -0.40827084f, -1.6597531f, 2.0213192f, -0.10821651f, 0.3226164f, 2.0955744f })]
    [InlineData(123456789012345UL, 7UL, new[] { 0.9648509f, -0.8166717f, -0.2224264f, 0.15264867f, 0.6760952f, -0.39743692f, 1.2210007f, 1.4382396f })]
    public void Fill_GivesTheDocumentedFirstSamplesBitForBit(ulong seed, ulong stream, float[] expected)
    {
        var noise = new GaussianNoise(seed, stream);
        var samples = new float[expected.Length];

        noise.Fill(samples);

        Assert.Equal(
            expected.Select(BitConverter.SingleToInt32Bits),
            samples.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Fill_AgreesWithBoxMullerOverPlatformMathToFloatPrecision()
    {
        const int Count = 20_000;
        var samples = new float[Count];
        new GaussianNoise(7, 3).Fill(samples);
        var words = new uint[4];
        double worst = 0;

        for (int block = 0; block < Count / 4; block++)
        {
            Philox4x32.Block((uint)block, 0, 3, 0, 7, 0, words);
            for (int pair = 0; pair < 2; pair++)
            {
                double u = (words[2 * pair] + 0.5) / 4294967296.0;
                double angle = 2 * Math.PI * (words[(2 * pair) + 1] / 4294967296.0);
                double radius = Math.Sqrt(-2 * Math.Log(u));
                worst = Math.Max(worst, Math.Abs((radius * Math.Cos(angle)) - samples[(4 * block) + (2 * pair)]));
                worst = Math.Max(worst, Math.Abs((radius * Math.Sin(angle)) - samples[(4 * block) + (2 * pair) + 1]));
            }
        }

        Assert.True(worst < 1e-6, $"largest difference from the platform-math reference: {worst}");
    }

    [Fact]
    public void Fill_HasStandardNormalMomentsOverAHundredThousandSamples()
    {
        var samples = new float[100_000];
        new GaussianNoise(2024).Fill(samples);

        double mean = samples.Average(s => (double)s);
        double variance = samples.Average(s => (s - mean) * (s - mean));
        double beyond196 = samples.Count(s => Math.Abs(s) > 1.959964) / (double)samples.Length;

        // Standard errors: mean 0.0032, variance 0.0045, tail fraction 0.0007; the bounds are about six of them.
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
        Assert.InRange(beyond196, 0.046, 0.054);
        Assert.All(samples, s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void Fill_DifferentSeedsAndStreamsGiveDifferentNoise()
    {
        float[] a = Take(new GaussianNoise(1), 64);
        float[] b = Take(new GaussianNoise(2), 64);
        float[] c = Take(new GaussianNoise(1, stream: 1), 64);
        float[] highSeed = Take(new GaussianNoise(1UL << 32), 64);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, highSeed);
        Assert.Equal(a, Take(new GaussianNoise(1), 64));
    }

    [Fact]
    public void Fill_InChunksEqualsFillingAtOnce()
    {
        float[] whole = Take(new GaussianNoise(99, 5), 1000);
        var noise = new GaussianNoise(99, 5);
        var chunked = new float[1000];
        int at = 0;
        int size = 1;

        while (at < chunked.Length)
        {
            int take = Math.Min(size, chunked.Length - at);
            noise.Fill(chunked.AsSpan(at, take));
            at += take;
            size = (size % 7) + 1;
        }

        Assert.Equal(whole, chunked);
        Assert.Equal(1000, noise.Position);
    }

    [Fact]
    public void Position_SeeksToAnySampleAndNextMatchesSample()
    {
        float[] whole = Take(new GaussianNoise(11), 40);
        var noise = new GaussianNoise(11) { Position = 13 };

        Assert.Equal(whole[13], noise.Next());
        Assert.Equal(whole[14], noise.Next());
        Assert.Equal(whole[37], GaussianNoise.Sample(11, 0, 37));
        Assert.Equal(15, noise.Position);
    }

    [Fact]
    public void Fill_WithScaleMultipliesEverySample()
    {
        float[] plain = Take(new GaussianNoise(5), 16);
        var scaled = new float[16];

        new GaussianNoise(5).Fill(scaled, 14.614642f);

        Assert.Equal(plain.Select(v => v * 14.614642f), scaled);
    }

    private static float[] Take(GaussianNoise noise, int count)
    {
        var samples = new float[count];
        noise.Fill(samples);
        return samples;
    }
}
