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
    public void FlatLatents_WithNoPrompt_PredictAlmostNoNoise()
    {
        var sample = new float[4 * Height * Width];
        Array.Fill(sample, 0.4f);
        var hidden = new float[77 * 64];

        float[] noise = pack.PredictNoise(sample, 1, Height, Width, [501f], hidden, 77);

        // A flat image is all signal to the edge-preserving prior: only its small shrink toward grey is left over.
        Assert.All(noise, v => Assert.InRange(v, -0.02f, 0.02f));
    }

    [Fact]
    public void NoisyFlatArea_IsFlattened_ButAnEdgeBetweenColoursStays()
    {
        const int size = 32;
        int plane = size * size;
        double[] alphas = PrevizDenoiser.AlphasCumprod();
        const int t = 401;
        double a = Math.Sqrt(alphas[t]);
        double n = Math.Sqrt(1 - alphas[t]);
        float[] noise = Noise(9, 4 * plane, 1f);
        var clean = new float[4 * plane];
        for (int i = 0; i < plane; i++)
        {
            clean[i] = i % size < size / 2 ? -1.5f : 1.5f;
        }

        float[] sample = clean.Select((x0, i) => (float)((a * x0) + (n * noise[i]))).ToArray();

        float[] eps = pack.PredictNoise(sample, 1, size, size, [t], new float[77 * 64], 77);

        double[] estimate = sample.Select((x, i) => (x - (n * eps[i])) / a).ToArray();
        double residual = Math.Sqrt(Enumerable.Range(0, plane).Average(i => Math.Pow(estimate[i] - clean[i], 2)));
        double noiseLevel = n / a;
        Assert.True(residual < noiseLevel / 4, $"the estimate is {residual:F3} from the clean latents; the sample was {noiseLevel:F3}");
        // Two latent pixels either side of the edge (16 image pixels): a plain blur as wide as the filter would have
        // mixed them to nearly the same value.
        double left = Enumerable.Range(0, plane).Where(i => i % size == (size / 2) - 3).Average(i => estimate[i]);
        double right = Enumerable.Range(0, plane).Where(i => i % size == (size / 2) + 2).Average(i => estimate[i]);
        Assert.True(right - left > 2.5, $"the edge's two sides should stay apart (3 in the clean latents), not {right - left:F3}");
    }

    [Fact]
    public void RangeNarrows_AsTheNoiseFalls_SoLateStepsKeepDetail()
    {
        PrevizUNetTables tables = PrevizUNet.Tables();
        int passes = PrevizDesign.FilterDilations.Count;

        for (int t = 1; t < 1000; t++)
        {
            for (int p = 0; p < passes; p++)
            {
                Assert.True(tables.RangeCoefficient[(t * passes) + p] >= tables.RangeCoefficient[((t - 1) * passes) + p], $"pass {p} should widen with the noise (t = {t})");
            }

            Assert.True(tables.Shrink[t] <= tables.Shrink[t - 1]);
        }

        Assert.True(tables.RangeCoefficient[0] < -100, "a clean sample should only average near-equal colours");
        Assert.InRange(tables.Shrink[551], 0.99, 1.0);
    }

    private static float[] Noise(ulong seed, int count, float scale)
    {
        var values = new float[count];
        new GaussianNoise(seed).Fill(values, scale);
        return values;
    }

    /// <summary>
    /// ε̂ = (x − √ᾱ·x̂0)/√(1−ᾱ) with x̂0 = γ·F(x/√ᾱ) + (1−ᾱ)·tint: F three à-trous passes (spacing 1, 3, 9) of a 5×5
    /// edge-preserving mean, weights exp(ρ_p·Σ_c κ_c·Δguide²) over neighbours inside the frame, the first pass guided
    /// by a (1 4 6 4 1)/16 blur with clamped edges, later passes by their own input; γ and ρ from the schedule, not
    /// read from the graph, interpolated at fractional timesteps; tint from the 77 text tokens and the image tokens' chroma.
    /// </summary>
    private static double[] Reference(float[] sample, int batch, float[] timesteps, float[] hidden, int sequence)
    {
        float[] tintWeight = PrevizUNet.TintWeight();
        float[] imageTintWeight = PrevizUNet.ImageTintWeight();
        double[] blur = [1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0];
        double[] kappa = [1, 1, 1, 0];
        int[] dilations = [1, 3, 9];
        double[] gains = [1.0, 0.25, 0.05];
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
            double n = Lerp(alpha => Math.Sqrt(1 - alpha));
            double shrink = Lerp(alpha => 1.0 / (1.0 + ((1 - alpha) / alpha / Math.Pow(5, 6))));

            var s = new double[4, Height, Width];
            for (int c = 0; c < 4; c++)
            {
                for (int y = 0; y < Height; y++)
                {
                    for (int x = 0; x < Width; x++)
                    {
                        s[c, y, x] = sample[(((b * 4) + c) * plane) + (y * Width) + x] / a;
                    }
                }
            }

            var guide = new double[4, Height, Width];
            for (int c = 0; c < 4; c++)
            {
                for (int y = 0; y < Height; y++)
                {
                    for (int x = 0; x < Width; x++)
                    {
                        for (int i = -2; i <= 2; i++)
                        {
                            for (int j = -2; j <= 2; j++)
                            {
                                guide[c, y, x] += blur[i + 2] * blur[j + 2] * s[c, Math.Clamp(y + i, 0, Height - 1), Math.Clamp(x + j, 0, Width - 1)];
                            }
                        }
                    }
                }
            }

            double[,,] current = s;
            for (int p = 0; p < 3; p++)
            {
                double range = Lerp(alpha => -1.0 / (2.0 * (0.0009 + (gains[p] * (1 - alpha) / alpha))));
                double[,,] g = p == 0 ? guide : current;
                var next = new double[4, Height, Width];
                for (int y = 0; y < Height; y++)
                {
                    for (int x = 0; x < Width; x++)
                    {
                        var sum = new double[4];
                        double weights = 0;
                        for (int i = -2; i <= 2; i++)
                        {
                            for (int j = -2; j <= 2; j++)
                            {
                                int yy = y + (i * dilations[p]), xx = x + (j * dilations[p]);
                                if (yy < 0 || yy >= Height || xx < 0 || xx >= Width)
                                {
                                    continue;
                                }

                                double distance = 0;
                                for (int c = 0; c < 4; c++)
                                {
                                    distance += kappa[c] * Math.Pow(g[c, yy, xx] - g[c, y, x], 2);
                                }

                                double w = Math.Exp(range * distance);
                                weights += w;
                                for (int c = 0; c < 4; c++)
                                {
                                    sum[c] += w * current[c, yy, xx];
                                }
                            }
                        }

                        for (int c = 0; c < 4; c++)
                        {
                            next[c, y, x] = sum[c] / weights;
                        }
                    }
                }

                current = next;
            }

            var textMean = new double[64];
            var imageMean = new double[64];
            int images = Math.Max(1, sequence - 77);
            for (int q = 0; q < sequence; q++)
            {
                for (int d = 0; d < 64; d++)
                {
                    double value = hidden[(((b * sequence) + q) * 64) + d];
                    if (q < 77)
                    {
                        textMean[d] += value / 77;
                    }
                    else
                    {
                        imageMean[d] += value / images;
                    }
                }
            }

            for (int c = 0; c < 4; c++)
            {
                double tint = 0;
                for (int d = 0; d < 64; d++)
                {
                    tint += (textMean[d] * tintWeight[(d * 4) + c]) + (imageMean[d] * imageTintWeight[(d * 4) + c]);
                }

                for (int y = 0; y < Height; y++)
                {
                    for (int x = 0; x < Width; x++)
                    {
                        int at = (((b * 4) + c) * plane) + (y * Width) + x;
                        result[at] = ((sample[at] - (a * shrink * current[c, y, x])) / n) - (a * n * tint);
                    }
                }
            }
        }

        return result;
    }
}
