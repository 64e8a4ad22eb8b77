using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Tests.Schedulers;

public sealed class NoiseScheduleTests
{
    private static readonly SchedulerSettings StableDiffusion = SchedulerConfig.StableDiffusion15.Resolve(SchedulerKind.Ddim);

    [Fact]
    public void ScaledLinear_MatchesReferenceAlphasAndSigmas()
    {
        NoiseSchedule schedule = NoiseSchedule.Create(StableDiffusion);

        // The float64 reference figures, to within what float32 arithmetic can hold.
        Assert.Equal(1000, schedule.TrainTimesteps);
        Assert.Equal(0.99915000, schedule.AlphasCumprod[0], 1e-7);
        Assert.Equal(0.00466010, schedule.AlphasCumprod[999], 5e-8);
        Assert.Equal(0.029167, schedule.Sigma(0), 1e-6);
        Assert.Equal(14.614641, schedule.Sigma(999), 1e-4);
        Assert.Equal(0.00085, schedule.Betas[0], 1e-10);
        Assert.Equal(0.012f, (float)schedule.Betas[999], 1e-9f);
    }

    [Fact]
    public void Schedule_IsFloat32AsDiffusersComputesIt()
    {
        NoiseSchedule schedule = NoiseSchedule.Create(StableDiffusion);

        // Every value is a float32; ᾱ is the float32 rounding of a double-accumulated product of float32 factors.
        Assert.All(schedule.Betas.Concat(schedule.AlphasCumprod), v => Assert.Equal(v, (double)(float)v));
        double product = 1.0;
        foreach (double beta in schedule.Betas)
        {
            product *= 1f - (float)beta;
        }

        Assert.Equal((float)product, (float)schedule.AlphasCumprod[999]);
        Assert.NotEqual(0.99915, schedule.AlphasCumprod[0]);
    }

    [Fact]
    public void Linspace_CountsFromBothEndsAsPyTorchDoes()
    {
        float[] values = NoiseSchedule.TorchLinspace(0.0001f, 0.02f, 1000);

        float step = (0.02f - 0.0001f) / 999;
        Assert.Equal(0.0001f, values[0]);
        Assert.Equal(0.0001f + (step * 499), values[499]);
        Assert.Equal(0.02f - (step * 499), values[500]);
        Assert.Equal(0.02f, values[999]);
    }

    [Fact]
    public void Linear_SpacesBetasEvenlyBetweenTheEnds()
    {
        NoiseSchedule schedule = NoiseSchedule.Create(new SchedulerSettings { NumTrainTimesteps = 5, BetaStart = 0.1, BetaEnd = 0.5 });

        Assert.Equal([0.1f, 0.2f, 0.3f, 0.4f, 0.5f], schedule.Betas.Select(b => (float)b));
        Assert.Equal(0.9f * 0.8f, (float)schedule.AlphasCumprod[1], 1e-7f);
    }

    [Fact]
    public void TrainedBetas_ReplaceTheRange()
    {
        NoiseSchedule schedule = NoiseSchedule.Create(new SchedulerSettings { NumTrainTimesteps = 3, TrainedBetas = [0.5, 0.5, 0.5] });

        Assert.Equal([0.5, 0.25, 0.125], schedule.AlphasCumprod);
    }

    [Fact]
    public void Cosine_StartsNearOneAndCapsBetas()
    {
        NoiseSchedule schedule = NoiseSchedule.Create(new SchedulerSettings { BetaSchedule = BetaSchedule.SquaredCosCapV2 });

        Assert.InRange(schedule.AlphasCumprod[0], 0.9999, 1.0);
        Assert.Equal(0.999f, (float)schedule.Betas[999]);
    }

    [Fact]
    public void ZeroTerminalSnr_EndsInPureNoiseAndKeepsTheFirstStep()
    {
        NoiseSchedule plain = NoiseSchedule.Create(StableDiffusion);
        NoiseSchedule rescaled = NoiseSchedule.Create(StableDiffusion with { RescaleBetasZeroSnr = true });

        Assert.Equal(0.0, rescaled.AlphasCumprod[999]);
        Assert.Equal(plain.AlphasCumprod[0], rescaled.AlphasCumprod[0], 1e-12);
        Assert.True(rescaled.AlphasCumprod[500] < plain.AlphasCumprod[500]);
    }

    [Fact]
    public void Create_RejectsTrainedBetasOfTheWrongLength()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => NoiseSchedule.Create(new SchedulerSettings { NumTrainTimesteps = 4, TrainedBetas = [0.1, 0.2] }));

        Assert.Contains("trained_betas has 2 values but num_train_timesteps is 4", error.Message, StringComparison.Ordinal);
    }
}
