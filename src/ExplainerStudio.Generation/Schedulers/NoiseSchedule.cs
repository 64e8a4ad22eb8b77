namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// The training noise schedule: β per training timestep and the cumulative signal fraction
/// ᾱ_t = Π(1 − β), with the Euler sigma σ_t = √((1 − ᾱ_t)/ᾱ_t) (diffusion.md B.5).
/// </summary>
/// <remarks>
/// Computed as diffusers computes it, in float32: β from PyTorch's float32 <c>linspace</c> (which steps from both
/// ends towards the middle), squared in float32 for scaled-linear; α = 1 − β in float32; ᾱ by PyTorch's CPU
/// <c>cumprod</c>, which multiplies in double and stores each prefix as float32. Every value is therefore a float32
/// (held in a double), and the tables match the reference's bit for bit rather than the float64 figures
/// (ᾱ[999] = 0.00466010, σ[999] = 14.614641), from which they differ by a few float32 ulps. Only IEEE basic
/// operations and square roots are used for linear and scaled-linear schedules, so the tables are identical on
/// every platform.
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
        float[] betas = settings.TrainedBetas is { } trained
            ? [.. trained.Select(b => (float)b)]
            : settings.BetaSchedule switch
            {
                // The configured floats are Python doubles; the square roots are taken in double before the cast.
                BetaSchedule.Linear => TorchLinspace((float)settings.BetaStart, (float)settings.BetaEnd, n),
                BetaSchedule.ScaledLinear => TorchLinspace((float)Math.Sqrt(settings.BetaStart), (float)Math.Sqrt(settings.BetaEnd), n)
                    .Select(root => root * root).ToArray(),
                _ => CosineBetas(n),
            };
        if (settings.RescaleBetasZeroSnr)
        {
            betas = RescaleToZeroTerminalSnr(betas);
        }
        return new NoiseSchedule([.. betas.Select(b => (double)b)], [.. CumulativeAlphas(betas).Select(a => (double)a)]);
    }

    /// <summary>The Euler sigma √((1 − ᾱ_t)/ᾱ_t) at training timestep <paramref name="t"/>, in float32 as diffusers has it.</summary>
    public double Sigma(int t) => SigmaOf((float)_alphasCumprod[t]);

    /// <summary>√((1 − ᾱ)/ᾱ) in float32.</summary>
    internal static float SigmaOf(float alphaCumprod) => MathF.Sqrt((1f - alphaCumprod) / alphaCumprod);

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

    /// <summary>
    /// PyTorch's float32 <c>linspace</c>: a float32 step, the first half counted up from <paramref name="start"/> and
    /// the second half down from <paramref name="end"/>, so both ends are exact.
    /// </summary>
    internal static float[] TorchLinspace(float start, float end, int count)
    {
        var values = new float[count];
        if (count == 1)
        {
            values[0] = start;
            return values;
        }

        float step = (end - start) / (count - 1);
        int halfway = count / 2;
        for (int i = 0; i < count; i++)
        {
            values[i] = i < halfway ? start + (step * i) : end - (step * (count - i - 1));
        }

        return values;
    }

    /// <summary>ᾱ = cumprod(1 − β) the way PyTorch's CPU cumprod does it: float32 factors, a double running product.</summary>
    private static float[] CumulativeAlphas(float[] betas)
    {
        var alphasCumprod = new float[betas.Length];
        double product = 1.0;
        for (int t = 0; t < betas.Length; t++)
        {
            product *= 1f - betas[t];
            alphasCumprod[t] = (float)product;
        }
        return alphasCumprod;
    }

    // Improved DDPM's cosine ᾱ(t) = cos²((t + 0.008)/1.008 · π/2), discretised into β capped at 0.999 in double
    // (diffusers builds the list in Python) and then stored as float32.
    private static float[] CosineBetas(int n)
    {
        static double AlphaBar(double t)
        {
            double c = Math.Cos((t + 0.008) / 1.008 * Math.PI / 2);
            return c * c;
        }

        var betas = new float[n];
        for (int i = 0; i < n; i++)
        {
            double t1 = i / (double)n;
            double t2 = (i + 1) / (double)n;
            betas[i] = (float)Math.Min(1 - (AlphaBar(t2) / AlphaBar(t1)), 0.999);
        }
        return betas;
    }

    // Lin et al. 2023, Algorithm 1: shift √ᾱ so the last step is pure noise and rescale so the first is unchanged;
    // float32 tensor arithmetic throughout, as diffusers does it.
    private static float[] RescaleToZeroTerminalSnr(float[] betas)
    {
        float[] roots = CumulativeAlphas(betas).Select(MathF.Sqrt).ToArray();
        float first = roots[0];
        float last = roots[^1];
        var alphasBar = new float[roots.Length];
        for (int t = 0; t < roots.Length; t++)
        {
            float shifted = (roots[t] - last) * (first / (first - last));
            alphasBar[t] = shifted * shifted;
        }
        var rescaled = new float[betas.Length];
        rescaled[0] = 1f - alphasBar[0];
        for (int t = 1; t < betas.Length; t++)
        {
            rescaled[t] = 1f - (alphasBar[t] / alphasBar[t - 1]);
        }
        return rescaled;
    }
}
