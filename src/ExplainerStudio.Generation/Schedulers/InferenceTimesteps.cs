using System.Globalization;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>Timestep spacing (diffusion.md B.6) and the image-to-image start (B.7), as diffusers computes them.</summary>
internal static class InferenceTimesteps
{
    /// <summary>
    /// The descending timesteps for <paramref name="count"/> steps. Leading and trailing are whole numbers;
    /// linspace is rounded half-to-even when <paramref name="roundLinspace"/> (DDIM) and left fractional otherwise
    /// (Euler). Trailing always yields exactly <paramref name="count"/> values: numpy's arange can produce one
    /// extra (negative) step when N/n is inexact (n = 61 of 1000), which is not reproduced.
    /// </summary>
    public static double[] Spaced(SchedulerSettings settings, int count, bool roundLinspace)
    {
        int trainSteps = settings.NumTrainTimesteps;
        var timesteps = new double[count];
        switch (settings.TimestepSpacing)
        {
            case TimestepSpacing.Leading:
                int ratio = trainSteps / count;
                for (int i = 0; i < count; i++)
                {
                    timesteps[i] = ((count - 1 - i) * ratio) + settings.StepsOffset;
                }
                if (timesteps[0] >= trainSteps)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(count),
                        count,
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"With leading spacing and steps_offset {settings.StepsOffset}, {count} steps would start at timestep {timesteps[0]}, past the last training timestep {trainSteps - 1}; use fewer steps."));
                }
                break;
            case TimestepSpacing.Trailing:
                double step = trainSteps / (double)count;
                for (int i = 0; i < count; i++)
                {
                    timesteps[i] = Math.Round(trainSteps - (i * step), MidpointRounding.ToEven) - 1;
                }
                break;
            default:
                double[] ascending = NoiseSchedule.Linspace(0, trainSteps - 1, count);
                for (int i = 0; i < count; i++)
                {
                    double t = ascending[count - 1 - i];
                    timesteps[i] = roundLinspace ? Math.Round(t, MidpointRounding.ToEven) : (float)t;
                }
                break;
        }
        return timesteps;
    }

    /// <summary>Image-to-image start index: <c>n − min(⌊n·strength⌋, n)</c> (diffusers <c>get_timesteps</c>).</summary>
    public static int BeginIndex(int count, double strength)
    {
        int initTimestep = Math.Min((int)(count * strength), count);
        return Math.Max(count - initTimestep, 0);
    }

    public static void CheckArguments(SchedulerSettings settings, int inferenceSteps, double strength)
    {
        if (inferenceSteps < 1 || inferenceSteps > settings.NumTrainTimesteps)
        {
            throw new ArgumentOutOfRangeException(
                nameof(inferenceSteps),
                inferenceSteps,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The step count must be between 1 and the {settings.NumTrainTimesteps} training timesteps."));
        }
        if (!(strength >= 0 && strength <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, "Strength must be between 0 and 1.");
        }
    }
}
