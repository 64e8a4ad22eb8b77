namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// The sigma side of the Euler schedulers (diffusion.md B.9): the training sigma table, sigmas interpolated at
/// the inference timesteps (or Karras-respaced), the final sigma, and the timesteps the UNet receives.
/// </summary>
internal sealed class SigmaSteps
{
    private const double KarrasRho = 7.0;

    private readonly SchedulerSettings _settings;
    private readonly double[] _sigmaTable;
    private readonly double[] _logSigmaTable;

    public SigmaSteps(SchedulerSettings settings, NoiseSchedule schedule)
    {
        _settings = settings;
        int n = schedule.TrainTimesteps;
        _sigmaTable = new double[n];
        for (int t = 0; t < n; t++)
        {
            float alpha = (float)schedule.AlphaCumprod(t);
            // With zero terminal SNR ᾱ[N−1] is 0 and σ infinite; diffusers' Euler pins it to 2⁻²⁴ (σ ≈ 4096).
            if (t == n - 1 && settings.RescaleBetasZeroSnr)
            {
                alpha = 1f / (1 << 24);
            }

            // diffusers' table is a float32 tensor; np.interp then works in double on those float32 values.
            _sigmaTable[t] = NoiseSchedule.SigmaOf(alpha);
        }
        _logSigmaTable = _sigmaTable.Select(s => Math.Log(s)).ToArray();
    }

    /// <summary>Sigma of the training table at timestep <paramref name="t"/>.</summary>
    public double TableSigma(int t) => _sigmaTable[t];

    /// <summary>
    /// Computes <paramref name="count"/> + 1 sigmas (the last is the final sigma) and the UNet timestep for each
    /// of the first <paramref name="count"/>.
    /// </summary>
    public (float[] Sigmas, float[] Timesteps) Compute(int count)
    {
        double[] timesteps = InferenceTimesteps.Spaced(_settings, count, roundLinspace: false);
        double[] sigmas = timesteps.Select(Interpolate).ToArray();
        if (_settings.UseKarrasSigmas)
        {
            sigmas = Karras(sigmas[0], sigmas[^1], count);
            timesteps = sigmas.Select(SigmaToTimestep).ToArray();
        }

        var allSigmas = new float[count + 1];
        for (int i = 0; i < count; i++)
        {
            allSigmas[i] = (float)sigmas[i];
        }
        allSigmas[count] = _settings.FinalSigma == FinalSigma.Zero ? 0f : (float)_sigmaTable[0];

        float[] modelTimesteps = _settings.TimestepType == SigmaTimestepType.Continuous
            && _settings.PredictionType == PredictionType.VPrediction
                ? allSigmas[..count].Select(s => (float)(0.25 * Math.Log(s))).ToArray()
                : timesteps.Select(t => (float)t).ToArray();
        return (allSigmas, modelTimesteps);
    }

    // numpy.interp over the integer training timesteps.
    private double Interpolate(double t)
    {
        if (t <= 0)
        {
            return _sigmaTable[0];
        }
        int last = _sigmaTable.Length - 1;
        if (t >= last)
        {
            return _sigmaTable[last];
        }
        int low = (int)Math.Floor(t);
        double slope = _sigmaTable[low + 1] - _sigmaTable[low];
        return (slope * (t - low)) + _sigmaTable[low];
    }

    // Karras et al. 2022, eq. 5: ρ-th-root-linear sigmas between sigma_max and sigma_min.
    private double[] Karras(double scheduleMax, double scheduleMin, int count)
    {
        double sigmaMin = _settings.SigmaMin ?? scheduleMin;
        double sigmaMax = _settings.SigmaMax ?? scheduleMax;
        double minInvRho = Math.Pow(sigmaMin, 1 / KarrasRho);
        double maxInvRho = Math.Pow(sigmaMax, 1 / KarrasRho);
        double[] ramp = NoiseSchedule.Linspace(0, 1, count);
        return ramp.Select(r => Math.Pow(maxInvRho + (r * (minInvRho - maxInvRho)), KarrasRho)).ToArray();
    }

    // The fractional training timestep whose log-sigma matches, by linear interpolation in log-sigma.
    private double SigmaToTimestep(double sigma)
    {
        double logSigma = Math.Log(Math.Max(sigma, 1e-10));
        int low = 0;
        for (int t = 0; t < _logSigmaTable.Length; t++)
        {
            if (_logSigmaTable[t] <= logSigma)
            {
                low = t;
            }
        }
        low = Math.Min(low, _logSigmaTable.Length - 2);
        int high = low + 1;
        double weight = (_logSigmaTable[low] - logSigma) / (_logSigmaTable[low] - _logSigmaTable[high]);
        weight = Math.Clamp(weight, 0, 1);
        return ((1 - weight) * low) + (weight * high);
    }
}
