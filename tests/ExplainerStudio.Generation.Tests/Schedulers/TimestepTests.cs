using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Tests.Schedulers;

public sealed class TimestepTests
{
    private static readonly SchedulerSettings Sd = SchedulerConfig.StableDiffusion15.Resolve(SchedulerKind.Ddim);

    [Theory]
    [InlineData(4, new[] { 751f, 501f, 251f, 1f })]
    [InlineData(1, new[] { 1f })]
    public void Leading_MultipliesTheRatioAndAddsTheOffset(int steps, float[] expected)
    {
        IScheduler scheduler = new DdimScheduler(Sd with { TimestepSpacing = TimestepSpacing.Leading });

        scheduler.SetTimesteps(steps);

        Assert.Equal(expected, scheduler.Timesteps);
    }

    [Fact]
    public void Leading_TwentyAndTwentyFiveSteps()
    {
        var twenty = new DdimScheduler(Sd);
        var twentyFive = new DdimScheduler(Sd);

        twenty.SetTimesteps(20);
        twentyFive.SetTimesteps(25);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => 951f - (50 * i)), twenty.Timesteps);
        Assert.Equal([961f, 921f, 881f], twentyFive.Timesteps.Take(3));
        Assert.Equal(1f, twentyFive.Timesteps[^1]);
        Assert.Equal(25, twentyFive.Timesteps.Count);
    }

    [Theory]
    [InlineData(1, new[] { 999f })]
    [InlineData(2, new[] { 999f, 499f })]
    [InlineData(3, new[] { 999f, 666f, 332f })]
    [InlineData(4, new[] { 999f, 749f, 499f, 249f })]
    public void Trailing_StartsAtTheLastTrainingStep(int steps, float[] expected)
    {
        var scheduler = new DdimScheduler(Sd with { TimestepSpacing = TimestepSpacing.Trailing });

        scheduler.SetTimesteps(steps);

        Assert.Equal(expected, scheduler.Timesteps);
    }

    [Fact]
    public void Trailing_AlwaysGivesExactlyTheRequestedCount()
    {
        var scheduler = new EulerScheduler(Sd with { TimestepSpacing = TimestepSpacing.Trailing });

        scheduler.SetTimesteps(61);

        Assert.Equal(61, scheduler.Timesteps.Count);
        Assert.True(scheduler.Timesteps[^1] >= 0);
    }

    [Fact]
    public void Linspace_IsRoundedForDdimAndFractionalForEuler()
    {
        var ddim = new DdimScheduler(Sd with { TimestepSpacing = TimestepSpacing.Linspace });
        var euler = new EulerScheduler(Sd with { TimestepSpacing = TimestepSpacing.Linspace });
        var ddimFive = new DdimScheduler(Sd with { TimestepSpacing = TimestepSpacing.Linspace });

        ddim.SetTimesteps(4);
        euler.SetTimesteps(20);
        ddimFive.SetTimesteps(5);

        Assert.Equal([999f, 666f, 333f, 0f], ddim.Timesteps);
        Assert.Equal((float)(999 - (999 / 19.0)), euler.Timesteps[1]);
        Assert.Equal(999f, euler.Timesteps[0]);
        Assert.Equal(0f, euler.Timesteps[^1]);
        // 499.5 rounds half to even, as numpy does.
        Assert.Equal([999f, 749f, 500f, 250f, 0f], ddimFive.Timesteps);
    }

    [Fact]
    public void EulerLeadingTwentySteps_MatchesReferenceSigmaAndInitialNoise()
    {
        var euler = new EulerScheduler(Sd with { TimestepSpacing = TimestepSpacing.Leading });

        euler.SetTimesteps(20);

        Assert.Equal(951f, euler.Timesteps[0]);
        Assert.Equal(11.0283, euler.Sigmas[0], 1e-4);
        Assert.Equal(11.0736, euler.InitNoiseSigma, 1e-4);
        Assert.Equal(0f, euler.Sigmas[20]);
        Assert.Equal(21, euler.Sigmas.Count);
    }

    [Fact]
    public void EulerTrailingOneStep_IsTheSdTurboSchedule()
    {
        var euler = new EulerScheduler(Sd with { TimestepSpacing = TimestepSpacing.Trailing });

        euler.SetTimesteps(1);

        Assert.Equal([999f], euler.Timesteps);
        Assert.Equal(14.6146, euler.Sigmas[0], 1e-4);
        Assert.Equal(euler.Sigmas[0], euler.InitNoiseSigma);
    }

    [Fact]
    public void EulerLinspace_InterpolatesSigmasAtFractionalTimesteps()
    {
        var euler = new EulerScheduler(Sd with { TimestepSpacing = TimestepSpacing.Linspace });
        NoiseSchedule schedule = euler.Schedule;

        euler.SetTimesteps(20);

        double t = euler.Timesteps[1];
        int low = (int)Math.Floor(t);
        double expected = schedule.Sigma(low) + ((t - low) * (schedule.Sigma(low + 1) - schedule.Sigma(low)));
        Assert.Equal(expected, euler.Sigmas[1], 1e-5);
        Assert.Equal(14.614641, euler.InitNoiseSigma, 1e-5);
    }

    [Fact]
    public void EulerKarras_RespacesSigmasBetweenTheScheduleEnds()
    {
        var euler = new EulerScheduler(Sd with { TimestepSpacing = TimestepSpacing.Leading, UseKarrasSigmas = true });

        euler.SetTimesteps(10);

        Assert.Equal(euler.Schedule.Sigma(901), euler.Sigmas[0], 1e-4);
        Assert.Equal(euler.Schedule.Sigma(1), euler.Sigmas[9], 1e-6);
        Assert.Equal(901, euler.Timesteps[0], 1e-2);
        Assert.Equal(1, euler.Timesteps[9], 1e-2);
        double maxRoot = Math.Pow(euler.Schedule.Sigma(901), 1 / 7.0);
        double minRoot = Math.Pow(euler.Schedule.Sigma(1), 1 / 7.0);
        Assert.Equal(Math.Pow(maxRoot + (4 / 9.0 * (minRoot - maxRoot)), 7), euler.Sigmas[4], 1e-5);
    }

    [Fact]
    public void EulerContinuousVPrediction_FeedsQuarterLogSigma()
    {
        var euler = new EulerScheduler(Sd with
        {
            PredictionType = PredictionType.VPrediction,
            TimestepType = SigmaTimestepType.Continuous,
            TimestepSpacing = TimestepSpacing.Trailing,
        });

        euler.SetTimesteps(4);

        Assert.Equal(0.25 * Math.Log(euler.Sigmas[0]), euler.Timesteps[0], 1e-6);
        Assert.Equal(0.25 * Math.Log(euler.Sigmas[3]), euler.Timesteps[3], 1e-6);
    }

    [Theory]
    [InlineData(4, new[] { 999f, 759f, 499f, 259f })]
    [InlineData(8, new[] { 999f, 879f, 759f, 639f, 499f, 379f, 259f, 139f })]
    [InlineData(1, new[] { 999f })]
    [InlineData(2, new[] { 999f, 499f })]
    public void Lcm_SamplesTheDistillationSchedule(int steps, float[] expected)
    {
        var lcm = new LcmScheduler(SchedulerConfig.DiffusersDefaults(SchedulerKind.Lcm));

        lcm.SetTimesteps(steps);

        Assert.Equal(expected, lcm.Timesteps);
        Assert.Equal(0, lcm.BeginIndex);
        Assert.Equal(1f, lcm.InitNoiseSigma);
    }

    [Fact]
    public void Lcm_StrengthShortensTheDistillationSchedule()
    {
        var lcm = new LcmScheduler(SchedulerConfig.DiffusersDefaults(SchedulerKind.Lcm));

        lcm.SetTimesteps(4, strength: 0.5);

        Assert.Equal([499f, 379f, 259f, 139f], lcm.Timesteps);
        Assert.Equal(0, lcm.BeginIndex);
        Assert.Equal(4, lcm.StepsToRun);
    }

    [Fact]
    public void Lcm_RefusesStrengthTooLowForTheStepCount()
    {
        var lcm = new LcmScheduler(SchedulerConfig.DiffusersDefaults(SchedulerKind.Lcm));

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => lcm.SetTimesteps(4, strength: 0.05));

        Assert.Contains("needs strength of at least 4/50", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 0.3, 14)]
    [InlineData(20, 1.0, 0)]
    [InlineData(10, 0.75, 3)]
    [InlineData(2, 0.5, 1)]
    [InlineData(20, 0.0, 20)]
    [InlineData(3, 0.2, 3)]
    public void ImageToImage_BeginIndexFollowsDiffusersGetTimesteps(int steps, double strength, int expectedBegin)
    {
        foreach (SchedulerKind kind in new[] { SchedulerKind.Ddim, SchedulerKind.Euler, SchedulerKind.EulerAncestral })
        {
            IScheduler scheduler = SchedulerFactory.Create(kind, Sd with { TimestepSpacing = TimestepSpacing.Trailing });

            scheduler.SetTimesteps(steps, strength);

            Assert.Equal(expectedBegin, scheduler.BeginIndex);
            Assert.Equal(steps - expectedBegin, scheduler.StepsToRun);
            Assert.Equal(steps, scheduler.Timesteps.Count);
        }
    }

    [Fact]
    public void SetTimesteps_RejectsStepCountsAndStrengthsOutOfRange()
    {
        var ddim = new DdimScheduler(Sd);

        Assert.Throws<ArgumentOutOfRangeException>(() => ddim.SetTimesteps(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ddim.SetTimesteps(1001));
        Assert.Throws<ArgumentOutOfRangeException>(() => ddim.SetTimesteps(10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ddim.SetTimesteps(10, double.NaN));
    }

    [Fact]
    public void Leading_RefusesStepCountsThatTheOffsetPushesPastTheTrainingRange()
    {
        var ddim = new DdimScheduler(Sd);

        ddim.SetTimesteps(500);
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => ddim.SetTimesteps(1000));

        Assert.Equal(999f, ddim.Timesteps[0]);
        Assert.Contains("start at timestep 1000", error.Message, StringComparison.Ordinal);
    }
}
