namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Structural similarity (Wang et al. 2004) on lightness (L*/100) with an 11-tap Gaussian window (σ = 1.5) and the
/// usual constants for a unit dynamic range, averaged over the image with optional per-pixel weights.
/// </summary>
/// <remarks>A reference patch is compared with a crop in every frame that shows it, so its side (local means and
/// second moments) is blurred once in <see cref="Prepare"/>; a comparison then blurs only the crop's mean, second
/// moment and the cross term.</remarks>
internal static class LumaSsim
{
    private const double C1 = 0.01 * 0.01;
    private const double C2 = 0.03 * 0.03;
    private static readonly double[] Window = GaussianWindow(5, 1.5);

    public static double Compute(LabImage first, LabImage second, ReadOnlySpan<float> weights) =>
        Compute(first, Prepare(second), weights);

    /// <summary>The blurred mean and second moment of <paramref name="image"/>'s lightness, for <see cref="Compute(LabImage, Side, ReadOnlySpan{float})"/>.</summary>
    public static Side Prepare(LabImage image)
    {
        int length = image.Width * image.Height;
        var y = new double[length];
        var yy = new double[length];
        for (int i = 0; i < length; i++)
        {
            double b = image.L[i] / 100.0;
            y[i] = b;
            yy[i] = b * b;
        }

        var blur = new Blurrer(image.Width, image.Height);
        return new Side(image.Width, image.Height, y, blur.Run(y), blur.Run(yy));
    }

    public static double Compute(LabImage first, Side second, ReadOnlySpan<float> weights)
    {
        if (first.Width != second.Width || first.Height != second.Height)
        {
            throw new ArgumentException("SSIM compares images of the same size.", nameof(second));
        }

        int length = first.Width * first.Height;
        var x = new double[length];
        var xx = new double[length];
        var xy = new double[length];
        double[] y = second.Values;
        for (int i = 0; i < length; i++)
        {
            double a = first.L[i] / 100.0;
            x[i] = a;
            xx[i] = a * a;
            xy[i] = a * y[i];
        }

        var blur = new Blurrer(first.Width, first.Height);
        double[] muX = blur.Run(x);
        double[] sXX = blur.Run(xx);
        double[] sXY = blur.Run(xy);
        double[] muY = second.Mean;
        double[] sYY = second.SecondMoment;
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

    private static double[] GaussianWindow(int radius, double sigma)
    {
        var window = new double[(2 * radius) + 1];
        for (int k = -radius; k <= radius; k++)
        {
            window[k + radius] = Math.Exp(-(k * k) / (2 * sigma * sigma));
        }

        return window;
    }

    /// <summary>One image's prepared side: lightness on the unit scale, its local mean and local second moment.</summary>
    internal sealed record Side(int Width, int Height, double[] Values, double[] Mean, double[] SecondMoment);

    // Separable Gaussian with the weights renormalised at the borders, so edges are not darkened. The taps inside
    // the image and their weight sum are found once per position, so the loops carry no bounds test; sums run in
    // the same order as a tap-by-tap test would, so the results are the same to the last bit.
    private readonly struct Blurrer
    {
        private readonly int _width;
        private readonly int _height;
        private readonly Taps _columns;
        private readonly Taps _rows;

        public Blurrer(int width, int height)
        {
            _width = width;
            _height = height;
            _columns = new Taps(width);
            _rows = new Taps(height);
        }

        public double[] Run(double[] values)
        {
            int radius = Window.Length / 2;
            var temp = new double[values.Length];
            var result = new double[values.Length];
            for (int row = 0; row < _height; row++)
            {
                int line = row * _width;
                for (int col = 0; col < _width; col++)
                {
                    double sum = 0;
                    for (int k = _columns.From[col]; k <= _columns.To[col]; k++)
                    {
                        sum += Window[k + radius] * values[line + col + k];
                    }

                    temp[line + col] = sum / _columns.Weight[col];
                }
            }

            for (int row = 0; row < _height; row++)
            {
                int from = _rows.From[row];
                int to = _rows.To[row];
                double weight = _rows.Weight[row];
                for (int col = 0; col < _width; col++)
                {
                    double sum = 0;
                    for (int k = from; k <= to; k++)
                    {
                        sum += Window[k + radius] * temp[((row + k) * _width) + col];
                    }

                    result[(row * _width) + col] = sum / weight;
                }
            }

            return result;
        }
    }

    private sealed class Taps
    {
        public Taps(int size)
        {
            int radius = Window.Length / 2;
            From = new int[size];
            To = new int[size];
            Weight = new double[size];
            for (int p = 0; p < size; p++)
            {
                From[p] = Math.Max(-radius, -p);
                To[p] = Math.Min(radius, size - 1 - p);
                double weight = 0;
                for (int k = From[p]; k <= To[p]; k++)
                {
                    weight += Window[k + radius];
                }

                Weight[p] = weight;
            }
        }

        public int[] From { get; }

        public int[] To { get; }

        public double[] Weight { get; }
    }
}
