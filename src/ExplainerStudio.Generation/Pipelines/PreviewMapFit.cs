using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// Fits a pack's <see cref="LatentPreviewMap"/> instead of assuming Stable Diffusion's: encode a few solid colours
/// with the pack's VAE encoder and solve the least-squares linear map from latent channels to RGB in [−1, 1]. Exact
/// for previz's linear colour transform, close to the published SD map for SD's VAE, and right for any other
/// 4-channel VAE because it is learnt from it.
/// </summary>
internal static class PreviewMapFit
{
    private const int Channels = 4;

    /// <summary>The fitted map, or null for VAEs whose latents do not have 4 channels.</summary>
    public static LatentPreviewMap? Fit(LatentCodec codec, int channels, int width, int height, CancellationToken cancellationToken)
    {
        if (channels != Channels)
        {
            return null;
        }

        var colours = new List<RgbColor>();
        byte[] levels = [40, 215];
        foreach (byte r in levels)
        {
            foreach (byte g in levels)
            {
                foreach (byte b in levels)
                {
                    colours.Add(new RgbColor(r, g, b));
                }
            }
        }

        colours.AddRange([new(128, 128, 128), new(200, 90, 60), new(60, 160, 90), new(70, 90, 200), new(230, 200, 80), new(90, 200, 210)]);
        const int Unknowns = Channels + 1;
        var normal = new double[Unknowns * Unknowns];
        var right = new double[Unknowns * 3];
        var features = new double[Unknowns];
        foreach (RgbColor colour in colours)
        {
            float[] latents = codec.Encode(RgbImage.Solid(width, height, colour), posteriorNoise: null, cancellationToken);
            int plane = latents.Length / Channels;
            for (int c = 0; c < Channels; c++)
            {
                double sum = 0;
                for (int p = 0; p < plane; p++)
                {
                    sum += latents[(c * plane) + p];
                }

                features[c] = sum / plane;
            }

            features[Channels] = 1;
            double[] target = [Signed(colour.R), Signed(colour.G), Signed(colour.B)];
            for (int i = 0; i < Unknowns; i++)
            {
                for (int j = 0; j < Unknowns; j++)
                {
                    normal[(i * Unknowns) + j] += features[i] * features[j];
                }

                for (int k = 0; k < 3; k++)
                {
                    right[(i * 3) + k] += features[i] * target[k];
                }
            }
        }

        // A small ridge keeps the system solvable when a latent channel does not vary with colour (previz's zero channel).
        for (int i = 0; i < Unknowns; i++)
        {
            normal[(i * Unknowns) + i] += 1e-6;
        }

        double[] solution = Solve(normal, right, Unknowns);
        float[] factors = solution.Take(Channels * 3).Select(v => (float)v).ToArray();
        float[] bias = solution.Skip(Channels * 3).Select(v => (float)v).ToArray();
        return factors.Concat(bias).All(float.IsFinite) ? new LatentPreviewMap(factors, bias) : null;
    }

    private static double Signed(byte value) => ((value / 255.0) * 2) - 1;

    /// <summary>Solves normal · X = right for X (n × 3) by Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[] normal, double[] right, int n)
    {
        for (int column = 0; column < n; column++)
        {
            int pivot = column;
            for (int row = column + 1; row < n; row++)
            {
                if (Math.Abs(normal[(row * n) + column]) > Math.Abs(normal[(pivot * n) + column]))
                {
                    pivot = row;
                }
            }

            for (int j = 0; j < n; j++)
            {
                (normal[(column * n) + j], normal[(pivot * n) + j]) = (normal[(pivot * n) + j], normal[(column * n) + j]);
            }

            for (int k = 0; k < 3; k++)
            {
                (right[(column * 3) + k], right[(pivot * 3) + k]) = (right[(pivot * 3) + k], right[(column * 3) + k]);
            }

            for (int row = column + 1; row < n; row++)
            {
                double factor = normal[(row * n) + column] / normal[(column * n) + column];
                for (int j = column; j < n; j++)
                {
                    normal[(row * n) + j] -= factor * normal[(column * n) + j];
                }

                for (int k = 0; k < 3; k++)
                {
                    right[(row * 3) + k] -= factor * right[(column * 3) + k];
                }
            }
        }

        var result = new double[n * 3];
        for (int row = n - 1; row >= 0; row--)
        {
            for (int k = 0; k < 3; k++)
            {
                double value = right[(row * 3) + k];
                for (int j = row + 1; j < n; j++)
                {
                    value -= normal[(row * n) + j] * result[(j * 3) + k];
                }

                result[(row * 3) + k] = value / normal[(row * n) + row];
            }
        }

        return result;
    }
}
