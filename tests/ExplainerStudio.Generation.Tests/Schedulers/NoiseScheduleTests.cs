using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Tests.Schedulers;

public sealed class NoiseScheduleTests
{
    private static readonly SchedulerSettings StableDiffusion = SchedulerConfig.StableDiffusion15.Resolve(SchedulerKind.Ddim);

    [Fact]
    public void ScaledLinear_MatchesReferenceAlphasAndSigmas()
    {
        NoiseSchedule schedule = NoiseSchedule.Create(StableDiffusion);

        Assert.Equal(1000, schedule.TrainTimesteps);
        Assert.Equal(0.99915000, schedule.AlphasCumprod[0], 1e-8);
        Assert.Equal(0.00466010, schedule.AlphasCumprod[999], 5e-9);
        Assert.Equal(0.029167, schedule.Sigma(0), 1e-6);
        Assert.Equal(14.614641, schedule.Sigma(999), 1e-6);
        Assert.Equal(0.00085, schedule.Betas[0], 1e-12);
        Assert.Equal(0.012, schedule.Betas[999], 1e-12);
    }

    [Fact]
    public void Linear_SpacesBetasEvenlyBetweenTheEnds()
    {
        NoiseSchedule schedule = NoiseSchedule.Create(new SchedulerSettings { NumTrainTimesteps = 5, BetaStart = 0.1, BetaEnd = 0.5 });

        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5], schedule.Betas.Select(b => Math.Round(b, 12)));
        Assert.Equal(0.9 * 0.8, schedule.AlphasCumprod[1], 1e-15);
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
        Assert.Equal(0.999, schedule.Betas[999], 1e-12);
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
