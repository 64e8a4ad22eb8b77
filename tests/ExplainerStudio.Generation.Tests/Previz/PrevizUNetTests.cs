using ExplainerStudio.Generation.Previz;
using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Tests.Previz;

[Collection(PrevizPackCollection.Name)]
public sealed class PrevizUNetTests(PrevizPackFixture pack)
{
    private const int Height = 6;
    private const int Width = 7;

    [Theory]
    [InlineData(951f, 77)]
    [InlineData(500.5f, 77)]
    [InlineData(1f, 81)]
    [InlineData(0f, 77)]
    public void Prediction_MatchesTheAnalyticFormula(float timestep, int sequence)
    {
        float[] sample = Noise(1, 2 * 4 * Height * Width, 1.5f);
        float[] hidden = Noise(2, 2 * sequence * 64, 1f);

        float[] actual = pack.PredictNoise(sample, 2, Height, Width, [timestep], hidden, sequence);

        double[] expected = Reference(sample, 2, [timestep, timestep], hidden, sequence);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * scale, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void PerSampleTimesteps_AreUsedPerSample()
    {
        float[] sample = Noise(3, 2 * 4 * Height * Width, 1f);
        float[] hidden = Noise(4, 2 * 77 * 64, 1f);

        float[] actual = pack.PredictNoise(sample, 2, Height, Width, [901f, 101f], hidden, 77);

        double[] expected = Reference(sample, 2, [901f, 101f], hidden, 77);
        double scale = expected.Max(Math.Abs);
        Assert.All(expected.Zip(actual), pair => Assert.True(Math.Abs(pair.First - pair.Second) <= 1e-4 * scale));
    }

    [Fact]
    public void FlatLatents_WithNoPrompt_PredictAlmostNoLumaNoise_AndAChromaPullTowardGrey()
    {
        var sample = new float[4 * Height * Width];
        Array.Fill(sample, 0.4f);
        var hidden = new float[77 * 64];

        float[] noise = pack.PredictNoise(sample, 1, Height, Width, [501f], hidden, 77);

        // A flat image is all "signal" to the smoothness prior: for luma only the prior's small shrink is left over;
        // the chroma prior expects less colour, so it reads part of a flat colour as noise and pulls it toward grey.
        int plane = Height * Width;
        Assert.All(noise.Take(plane), v => Assert.InRange(v, -0.05f, 0.05f));
        float luma = noise.Take(plane).Max();
        Assert.All(noise.Skip(plane), v => Assert.InRange(v, 1.5f * luma, 0.1f));
    }

    [Fact]
    public void SmoothingWeight_FallsWithTheNoiseLevel_SoLateStepsKeepDetail()
    {
        PrevizUNetTables tables = PrevizUNet.Tables();
        double BlurShare(int t, int c) => tables.Smooth[(t * 4) + c] / (tables.Smooth[(t * 4) + c] + tables.Keep[(t * 4) + c]);

        // The blur's share of x̂0 is nearly everything at t = 999 and almost nothing at t = 1.
        Assert.InRange(BlurShare(999, 0), 0.999, 1.0);
        Assert.InRange(BlurShare(1, 0), 0.0, 0.05);
        for (int t = 1; t < 1000; t++)
        {
            Assert.True(BlurShare(t, 0) >= BlurShare(t - 1, 0), $"the luma blur share should not fall as the noise rises (t = {t})");
            Assert.True(BlurShare(t, 1) > BlurShare(t, 0), $"chroma should lean on its blur more than luma at t = {t}");
        }
    }

    [Fact]
    public void BlurKernels_AreCentredBinomialRows_NarrowForLumaAndWideForChroma()
    {
        float[] luma = PrevizUNet.BlurKernel(0);
        float[] chroma = PrevizUNet.BlurKernel(1);

        Assert.Equal(25, luma.Length);
        Assert.Equal(luma.Length, chroma.Length);
        Assert.Equal(9, luma.Count(w => w != 0));
        Assert.Equal(70f / 256f, luma[12]);
        Assert.Equal(0f, luma[7]);
        Assert.Equal(1f / 256f, luma[8]);
        Assert.Equal(1.0 / 16777216.0, chroma[0], 12);
        Assert.Equal(1.0, chroma.Sum(w => (double)w), 6);
        Assert.Equal(chroma, PrevizUNet.BlurKernel(2));
    }

    private static float[] Noise(ulong seed, int count, float scale)
    {
        var values = new float[count];
        new GaussianNoise(seed).Fill(values, scale);
        return values;
    }

    /// <summary>
    /// ε̂ = (x − γ_c·[(1−w_c)·x + w_c·blur_c(x)])/√(1−ᾱ) − √ᾱ·√(1−ᾱ)·tint, with w_c = N/(N + c_c), γ_c = V_c/(V_c + k_c·N),
    /// N = (1−ᾱ)/ᾱ computed here from the schedule (not read from the graph's tables), interpolated at fractional timesteps.
    /// </summary>
    private static double[] Reference(float[] sample, int batch, float[] timesteps, float[] hidden, int sequence)
    {
        float[][] kernels = Enumerable.Range(0, 4).Select(PrevizUNet.BlurKernel).ToArray();
        float[] tintWeight = PrevizUNet.TintWeight();
        int radius = kernels[0].Length / 2;
        int plane = Height * Width;
        double[] alphas = PrevizDenoiser.AlphasCumprod();
        var result = new double[sample.Length];
        for (int b = 0; b < batch; b++)
        {
            double t = Math.Clamp(timesteps[b], 0, 999);
            int lower = Math.Min((int)Math.Floor(t), 998);
            double f = t - lower;
            double Lerp(Func<double, double> value) => (float)value(alphas[lower]) + (f * ((float)value(alphas[lower + 1]) - (float)value(alphas[lower])));
            double a = Lerp(Math.Sqrt);
            double s = Lerp(alpha => Math.Sqrt(1 - alpha));

            var meanToken = new double[64];
            for (int p = 0; p < sequence; p++)
            {
                for (int d = 0; d < 64; d++)
                {
                    meanToken[d] += hidden[(((b * sequence) + p) * 64) + d] / sequence;
                }
            }

            for (int c = 0; c < 4; c++)
            {
                double tint = 0;
                for (int d = 0; d < 64; d++)
                {
                    tint += meanToken[d] * tintWeight[(d * 4) + c];
                }

                float[] kernel = kernels[c];
                double noiseGain = Math.Pow(kernel.Sum(w => (double)w * w), 2);

                // The design's numbers (models/previz/README.md): detail variance c and prior variance V per channel.
                double detailVariance = c == 0 ? 0.05 : 0.01;
                double priorVariance = c == 0 ? 2.0 : 0.3;
                double Smoothing(double alpha) => ((1 - alpha) / alpha) / (((1 - alpha) / alpha) + detailVariance);
                double Shrink(double alpha) => priorVariance / (priorVariance + (noiseGain * (1 - alpha) / alpha));
                double keep = Lerp(alpha => Shrink(alpha) * (1 - Smoothing(alpha)));
                double smooth = Lerp(alpha => Shrink(alpha) * Smoothing(alpha));

                int offset = ((b * 4) + c) * plane;
                for (int y = 0; y < Height; y++)
                {
                    for (int x = 0; x < Width; x++)
                    {
                        double blurred = 0;
                        for (int i = -radius; i <= radius; i++)
                        {
                            for (int j = -radius; j <= radius; j++)
                            {
                                int yy = Math.Clamp(y + i, 0, Height - 1);
                                int xx = Math.Clamp(x + j, 0, Width - 1);
                                blurred += kernel[i + radius] * kernel[j + radius] * sample[offset + (yy * Width) + xx];
                            }
                        }

                        int at = offset + (y * Width) + x;
                        result[at] = ((sample[at] - (keep * sample[at]) - (smooth * blurred)) / s) - (a * s * tint);
                    }
                }
            }
        }

        return result;
    }
}
