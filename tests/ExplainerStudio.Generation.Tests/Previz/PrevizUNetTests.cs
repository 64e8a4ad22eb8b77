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
    public void SmoothLatents_WithNoPrompt_PredictAlmostNoNoise()
    {
        var sample = new float[4 * Height * Width];
        Array.Fill(sample, 0.4f);
        var hidden = new float[77 * 64];

        float[] noise = pack.PredictNoise(sample, 1, Height, Width, [501f], hidden, 77);

        // A flat image is all "signal" to the smoothness prior: only the prior's small shrink is left over.
        Assert.All(noise, v => Assert.InRange(v, -0.05f, 0.05f));
    }

    private static float[] Noise(ulong seed, int count, float scale)
    {
        var values = new float[count];
        new GaussianNoise(seed).Fill(values, scale);
        return values;
    }

    /// <summary>ε̂ = (x − γ·blur(x))/√(1−ᾱ) − √ᾱ·√(1−ᾱ)·tint, with tables interpolated at fractional timesteps.</summary>
    private static double[] Reference(float[] sample, int batch, float[] timesteps, float[] hidden, int sequence)
    {
        (float[] sqrtAlpha, float[] sqrtNoise, float[] shrink) = PrevizUNet.Tables();
        float[] kernel = PrevizUNet.BlurKernel();
        float[] tintWeight = PrevizUNet.TintWeight();
        int radius = kernel.Length / 2;
        int plane = Height * Width;
        var result = new double[sample.Length];
        for (int b = 0; b < batch; b++)
        {
            double t = Math.Clamp(timesteps[b], 0, 999);
            int lower = Math.Min((int)Math.Floor(t), 998);
            double f = t - lower;
            double Lerp(float[] table) => table[lower] + (f * (table[lower + 1] - table[lower]));
            double a = Lerp(sqrtAlpha);
            double s = Lerp(sqrtNoise);
            double g = Lerp(shrink);

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
                        result[at] = ((sample[at] - (g * blurred)) / s) - (a * s * tint);
                    }
                }
            }
        }

        return result;
    }
}
