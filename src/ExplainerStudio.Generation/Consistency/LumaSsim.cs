namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Structural similarity (Wang et al. 2004) on lightness (L*/100) with an 11-tap Gaussian window (σ = 1.5) and the
/// usual constants for a unit dynamic range, averaged over the image with optional per-pixel weights.
/// </summary>
internal static class LumaSsim
{
    private const double C1 = 0.01 * 0.01;
    private const double C2 = 0.03 * 0.03;
    private static readonly double[] Window = GaussianWindow(5, 1.5);

    public static double Compute(LabImage first, LabImage second, ReadOnlySpan<float> weights)
    {
        if (first.Width != second.Width || first.Height != second.Height)
        {
            throw new ArgumentException("SSIM compares images of the same size.", nameof(second));
        }

        int width = first.Width;
        int height = first.Height;
        int length = width * height;
        var x = new double[length];
        var y = new double[length];
        var xx = new double[length];
        var yy = new double[length];
        var xy = new double[length];
        for (int i = 0; i < length; i++)
        {
            double a = first.L[i] / 100.0;
            double b = second.L[i] / 100.0;
            x[i] = a;
            y[i] = b;
            xx[i] = a * a;
            yy[i] = b * b;
            xy[i] = a * b;
        }

        double[] muX = Blur(x, width, height);
        double[] muY = Blur(y, width, height);
        double[] sXX = Blur(xx, width, height);
        double[] sYY = Blur(yy, width, height);
        double[] sXY = Blur(xy, width, height);
        double sum = 0;
        double total = 0;
        for (int i = 0; i < length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            double mx = muX[i];
            double my = muY[i];
            double varX = Math.Max(0, sXX[i] - (mx * mx));
            double varY = Math.Max(0, sYY[i] - (my * my));
            double cov = sXY[i] - (mx * my);
            double ssim = (((2 * mx * my) + C1) * ((2 * cov) + C2)) / (((mx * mx) + (my * my) + C1) * (varX + varY + C2));
            sum += w * ssim;
            total += w;
        }

        return total > 0 ? sum / total : 1;
    }

    // Separable Gaussian with the weights renormalised at the borders, so edges are not darkened.
    private static double[] Blur(double[] values, int width, int height)
    {
        int radius = Window.Length / 2;
        var temp = new double[values.Length];
        var result = new double[values.Length];
        for (int row = 0; row < height; row++)
        {
            for (int col = 0; col < width; col++)
            {
                double sum = 0;
                double weight = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    int c = col + k;
                    if (c >= 0 && c < width)
                    {
                        sum += Window[k + radius] * values[(row * width) + c];
                        weight += Window[k + radius];
                    }
                }

                temp[(row * width) + col] = sum / weight;
            }
        }

        for (int row = 0; row < height; row++)
        {
            for (int col = 0; col < width; col++)
            {
                double sum = 0;
                double weight = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    int r = row + k;
                    if (r >= 0 && r < height)
                    {
                        sum += Window[k + radius] * temp[(r * width) + col];
                        weight += Window[k + radius];
                    }
                }

                result[(row * width) + col] = sum / weight;
            }
        }

        return result;
    }

    private static double[] GaussianWindow(int radius, double sigma)
    {
        var window = new double[(2 * radius) + 1];
        for (int k = -radius; k <= radius; k++)
        {
            window[k + radius] = Math.Exp(-(k * k) / (2 * sigma * sigma));
        }

        return window;
    }
}
