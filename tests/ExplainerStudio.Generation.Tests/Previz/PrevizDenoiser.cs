using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Tests.Previz;

/// <summary>
/// The smallest faithful image-to-image loop over the previz pack (diffusers' Euler discrete, "leading" spacing,
/// steps_offset 1, classifier-free guidance batched [uncond, cond]), to check that the designed graphs behave
/// like a diffusion model inside a real sampler. The product's pipeline lives elsewhere.
/// </summary>
internal sealed class PrevizDenoiser(PrevizPackFixture pack)
{
    private const double ScalingFactor = 0.18215;

    public float[] ImageToImage(float[] image, int height, int width, string prompt, string negative, double strength, double guidance, int steps, ulong seed)
    {
        int h = height / 8;
        int w = width / 8;
        int size = 4 * h * w;
        double[] alphas = AlphasCumprod();
        int[] timesteps = Enumerable.Range(0, steps).Select(i => ((steps - 1 - i) * (1000 / steps)) + 1).ToArray();
        double[] sigmas = timesteps.Select(t => Math.Sqrt((1 - alphas[t]) / alphas[t])).Append(0).ToArray();
        int start = steps - Math.Min((int)(steps * strength), steps);

        float[] latents = pack.Encode(image, 1, height, width).Select(v => (float)(v * ScalingFactor)).ToArray();
        var noise = new float[size];
        new GaussianNoise(seed).Fill(noise);
        double[] x = latents.Select((v, i) => v + (sigmas[start] * noise[i])).ToArray();

        float[] text = pack.EncodeText(negative, prompt);
        for (int k = start; k < steps; k++)
        {
            double sigma = sigmas[k];
            double scale = 1.0 / Math.Sqrt((sigma * sigma) + 1);
            var input = new float[2 * size];
            for (int i = 0; i < size; i++)
            {
                input[i] = input[size + i] = (float)(x[i] * scale);
            }

            float[] eps = pack.PredictNoise(input, 2, h, w, [timesteps[k]], text, 77);
            for (int i = 0; i < size; i++)
            {
                double guided = eps[i] + (guidance * (eps[size + i] - eps[i]));
                double x0 = x[i] - (sigma * guided);
                x[i] += (x[i] - x0) / sigma * (sigmas[k + 1] - sigma);
            }
        }

        return pack.Decode(x.Select(v => (float)(v / ScalingFactor)).ToArray(), 1, h, w);
    }

    public static double[] AlphasCumprod()
    {
        var result = new double[1000];
        double product = 1;
        for (int t = 0; t < 1000; t++)
        {
            double beta = Math.Sqrt(0.00085) + ((Math.Sqrt(0.012) - Math.Sqrt(0.00085)) * t / 999.0);
            product *= 1 - (beta * beta);
            result[t] = product;
        }

        return result;
    }
}
