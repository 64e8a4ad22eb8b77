namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// The training noise schedule: β per training timestep and the cumulative signal fraction
/// ᾱ_t = Π(1 − β), with the Euler sigma σ_t = √((1 − ᾱ_t)/ᾱ_t) (diffusion.md B.5).
/// </summary>
/// <remarks>
/// Computed in double, where diffusers uses float32 tensors: the reference values (ᾱ[999] = 0.00466010,
/// σ[999] = 14.614641) are float64 figures, and float32 accumulation of the 1000-term product lands about
/// 1.6e-6 relative away in ᾱ and 1.3e-5 in σ (ᾱ[999] = 0.00466009, σ[999] = 14.61465). Nothing visible depends
/// on that difference. For linear and scaled-linear schedules only IEEE basic operations and square roots are
/// used, so the tables are bit-identical on every platform.
/// </remarks>
public sealed class NoiseSchedule
{
    private readonly double[] _betas;
    private readonly double[] _alphasCumprod;

    private NoiseSchedule(double[] betas, double[] alphasCumprod)
    {
        _betas = betas;
        _alphasCumprod = alphasCumprod;
        Betas = Array.AsReadOnly(betas);
        AlphasCumprod = Array.AsReadOnly(alphasCumprod);
    }

    /// <summary>Number of training timesteps N.</summary>
    public int TrainTimesteps => _alphasCumprod.Length;

    /// <summary>β_t for t = 0 … N − 1.</summary>
    public IReadOnlyList<double> Betas { get; }

    /// <summary>ᾱ_t for t = 0 … N − 1.</summary>
    public IReadOnlyList<double> AlphasCumprod { get; }

    /// <summary>
    /// Builds the schedule the settings describe: trained β if given, else linear / scaled-linear / cosine β,
    /// then the zero-terminal-SNR rescale if asked for.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public static NoiseSchedule Create(SchedulerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string? problem = SchedulerValidation.FindProblem(settings);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        int n = settings.NumTrainTimesteps;
        double[] betas = settings.TrainedBetas is { } trained
            ? [.. trained]
            : settings.BetaSchedule switch
            {
                BetaSchedule.Linear => Linspace(settings.BetaStart, settings.BetaEnd, n),
                BetaSchedule.ScaledLinear => Linspace(Math.Sqrt(settings.BetaStart), Math.Sqrt(settings.BetaEnd), n)
                    .Select(root => root * root).ToArray(),
                _ => CosineBetas(n),
            };
        if (settings.RescaleBetasZeroSnr)
        {
            betas = RescaleToZeroTerminalSnr(betas);
        }
        return new NoiseSchedule(betas, CumulativeAlphas(betas));
    }

    /// <summary>The Euler sigma √((1 − ᾱ_t)/ᾱ_t) at training timestep <paramref name="t"/>.</summary>
    public double Sigma(int t) => Math.Sqrt((1.0 - _alphasCumprod[t]) / _alphasCumprod[t]);

    internal double AlphaCumprod(int t) => _alphasCumprod[t];

    internal double Beta(int t) => _betas[t];

    /// <summary>
    /// <c>n</c> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> inclusive, each
    /// <c>start + i·step</c> and the last exactly <paramref name="stop"/>, as numpy.linspace computes them.
    /// </summary>
    internal static double[] Linspace(double start, double stop, int count)
    {
        var values = new double[count];
        if (count == 1)
        {
            values[0] = start;
            return values;
        }
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++)
        {
            values[i] = (i * step) + start;
        }
        values[^1] = stop;
        return values;
    }

    private static double[] CumulativeAlphas(double[] betas)
    {
        var alphasCumprod = new double[betas.Length];
        double product = 1.0;
        for (int t = 0; t < betas.Length; t++)
        {
            product *= 1.0 - betas[t];
            alphasCumprod[t] = product;
        }
        return alphasCumprod;
    }

    // Improved DDPM's cosine ᾱ(t) = cos²((t + 0.008)/1.008 · π/2), discretised into β capped at 0.999.
    private static double[] CosineBetas(int n)
    {
        static double AlphaBar(double t)
        {
            double c = Math.Cos((t + 0.008) / 1.008 * Math.PI / 2);
            return c * c;
        }

        var betas = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t1 = i / (double)n;
            double t2 = (i + 1) / (double)n;
            betas[i] = Math.Min(1 - (AlphaBar(t2) / AlphaBar(t1)), 0.999);
        }
        return betas;
    }

    // Lin et al. 2023, Algorithm 1: shift √ᾱ so the last step is pure noise and rescale so the first is unchanged.
    private static double[] RescaleToZeroTerminalSnr(double[] betas)
    {
        double[] roots = CumulativeAlphas(betas).Select(a => Math.Sqrt(a)).ToArray();
        double first = roots[0];
        double last = roots[^1];
        var alphasBar = new double[roots.Length];
        for (int t = 0; t < roots.Length; t++)
        {
            double shifted = (roots[t] - last) * (first / (first - last));
            alphasBar[t] = shifted * shifted;
        }
        var rescaled = new double[betas.Length];
        rescaled[0] = 1 - alphasBar[0];
        for (int t = 1; t < betas.Length; t++)
        {
            rescaled[t] = 1 - (alphasBar[t] / alphasBar[t - 1]);
        }
        return rescaled;
    }
}
