using System.Globalization;

namespace ExplainerStudio.Generation.Schedulers;

internal static class SchedulerValidation
{
    /// <summary>A sentence describing the first out-of-range setting, or null when all are usable.</summary>
    public static string? FindProblem(SchedulerSettings settings)
    {
        int n = settings.NumTrainTimesteps;
        if (n < 2)
        {
            return Format($"num_train_timesteps must be at least 2, not {n}.");
        }
        if (settings.TrainedBetas is { } trained)
        {
            if (trained.Count != n)
            {
                return Format($"trained_betas has {trained.Count} values but num_train_timesteps is {n}.");
            }
            if (trained.Any(b => !(b > 0 && b <= 1)))
            {
                return "every trained_betas value must be in (0, 1].";
            }
        }
        else if (!(settings.BetaStart > 0 && settings.BetaStart < 1 && settings.BetaEnd > 0 && settings.BetaEnd < 1))
        {
            return Format($"beta_start ({settings.BetaStart}) and beta_end ({settings.BetaEnd}) must be in (0, 1).");
        }
        if (settings.StepsOffset < 0 || settings.StepsOffset >= n)
        {
            return Format($"steps_offset must be in [0, {n}), not {settings.StepsOffset}.");
        }
        if (!(settings.ClipSampleRange > 0))
        {
            return Format($"clip_sample_range must be positive, not {settings.ClipSampleRange}.");
        }
        if (!(settings.TimestepScaling > 0))
        {
            return Format($"timestep_scaling must be positive, not {settings.TimestepScaling}.");
        }
        if (settings.SigmaMin is <= 0 || settings.SigmaMax is <= 0 || settings.SigmaMin >= settings.SigmaMax)
        {
            return "sigma_min and sigma_max must be positive and sigma_min below sigma_max.";
        }
        if (!(settings.Eta >= 0 && settings.Eta <= 1))
        {
            return Format($"eta must be in [0, 1], not {settings.Eta}.");
        }
        return null;
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
