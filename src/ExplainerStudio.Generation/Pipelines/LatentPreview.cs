namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// A cheap preview of latents without running the VAE decoder: a linear map from latent channels to RGB, fitted once
/// per pack by least squares on the VAE encoder's latents of a few solid colours. Exact for previz's linear colour
/// transform and a fair likeness for Stable Diffusion's VAE; it works for any pack because it is learnt from it.
/// </summary>
internal sealed class LatentPreview
{
    private readonly int _channels;
    private readonly double[] _weights;

    private LatentPreview(int channels, double[] weights)
    {
        _channels = channels;
        _weights = weights;
    }

    /// <summary>Fits the map by encoding solid colours of the given size with the pack's VAE encoder.</summary>
    public static LatentPreview Fit(LatentCodec codec, int channels, int width, int height, CancellationToken cancellationToken)
    {
        var colours = new List<(byte R, byte G, byte B)>();
        byte[] levels = [40, 215];
        foreach (byte r in levels)
        {
            foreach (byte g in levels)
            {
                foreach (byte b in levels)
                {
                    colours.Add((r, g, b));
                }
            }
        }

        colours.AddRange([(128, 128, 128), (200, 90, 60), (60, 160, 90), (70, 90, 200), (230, 200, 80), (90, 200, 210)]);
        int unknowns = channels + 1;
        var normal = new double[unknowns * unknowns];
        var right = new double[unknowns * 3];
        var features = new double[unknowns];
        foreach ((byte r, byte g, byte b) in colours)
        {
            float[] latents = codec.Encode(RgbFrame.Solid(width, height, r, g, b), posteriorNoise: null, cancellationToken);
            int plane = latents.Length / channels;
            for (int c = 0; c < channels; c++)
            {
                double sum = 0;
                for (int p = 0; p < plane; p++)
                {
                    sum += latents[(c * plane) + p];
                }

                features[c] = sum / plane;
            }

            features[channels] = 1;
            double[] target = [r / 255.0, g / 255.0, b / 255.0];
            for (int i = 0; i < unknowns; i++)
            {
                for (int j = 0; j < unknowns; j++)
                {
                    normal[(i * unknowns) + j] += features[i] * features[j];
                }

                for (int k = 0; k < 3; k++)
                {
                    right[(i * 3) + k] += features[i] * target[k];
                }
            }
        }

        // A small ridge keeps the system solvable when a latent channel does not vary with colour (previz's zero channel).
        for (int i = 0; i < unknowns; i++)
        {
            normal[(i * unknowns) + i] += 1e-6;
        }

        return new LatentPreview(channels, Solve(normal, right, unknowns));
    }

    /// <summary>Renders latents [C, h, w] as an h × w image.</summary>
    public RgbFrame Render(ReadOnlySpan<float> latents, int height, int width)
    {
        int plane = height * width;
        byte[] pixels = new byte[plane * 3];
        for (int p = 0; p < plane; p++)
        {
            for (int k = 0; k < 3; k++)
            {
                double value = _weights[(_channels * 3) + k];
                for (int c = 0; c < _channels; c++)
                {
                    value += _weights[(c * 3) + k] * latents[(c * plane) + p];
                }

                pixels[(p * 3) + k] = ImageTensors.ToByte((float)value);
            }
        }

        return new RgbFrame(width, height, pixels);
    }

    /// <summary>Solves normal · X = right for X (unknowns × 3) by Gaussian elimination with partial pivoting.</summary>
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
