using ExplainerStudio.Generation.Randomness;
using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Tests.Schedulers;

public sealed class StepTests
{
    // Ten training steps with β = 0.1 each, so ᾱ_t = 0.9^(t+1) can be worked out by hand; five leading
    // inference steps give timesteps 8, 6, 4, 2, 0 and a previous timestep of t − 2.
    private static readonly SchedulerSettings HandSchedule = new()
    {
        NumTrainTimesteps = 10,
        TrainedBetas = Enumerable.Repeat(0.1, 10).ToArray(),
        TimestepSpacing = TimestepSpacing.Leading,
        SetAlphaToOne = false,
    };

    private static readonly SchedulerSettings Sd = SchedulerConfig.StableDiffusion15.Resolve(SchedulerKind.Ddim);

    [Fact]
    public void Ddim_EpsilonStepMatchesTheHandComputedUpdate()
    {
        var ddim = new DdimScheduler(HandSchedule);
        ddim.SetTimesteps(5);
        float[] sample = [1f];
        var x0 = new float[1];

        ddim.Step([0.5f], 0, sample, predictedOriginal: x0);

        // ᾱ_8 = 0.387420489, ᾱ_6 = 0.4782969; x₀ = (1 − √0.612579511·0.5)/√0.387420489 = 0.97787963;
        // x_prev = √0.4782969·x₀ + √0.5217031·0.5 = 1.03743698.
        Assert.Equal([8f, 6f, 4f, 2f, 0f], ddim.Timesteps);
        Assert.Equal(0.97787963, x0[0], 1e-6);
        Assert.Equal(1.03743698, sample[0], 1e-6);
    }

    [Fact]
    public void Ddim_VPredictionStepMatchesTheHandComputedUpdate()
    {
        var ddim = new DdimScheduler(HandSchedule with { PredictionType = PredictionType.VPrediction });
        ddim.SetTimesteps(5);
        float[] sample = [1f];
        var x0 = new float[1];

        ddim.Step([0.5f], 0, sample, predictedOriginal: x0);

        // x₀ = √ᾱ·x − √(1−ᾱ)·v = 0.23109382; ε = √ᾱ·v + √(1−ᾱ)·x; x_prev = 0.94992831.
        Assert.Equal(0.23109382, x0[0], 1e-6);
        Assert.Equal(0.94992831, sample[0], 1e-6);
    }

    [Fact]
    public void Ddim_LastStepUsesTheFinalAlpha()
    {
        var toOne = new DdimScheduler(HandSchedule with { SetAlphaToOne = true });
        var toFirst = new DdimScheduler(HandSchedule);
        toOne.SetTimesteps(5);
        toFirst.SetTimesteps(5);
        float[] a = [1f];
        float[] b = [1f];

        toOne.Step([0.5f], 4, a);
        toFirst.Step([0.5f], 4, b);

        // ᾱ_prev = 1 lands on x₀ = (1 − √0.1·0.5)/√0.9; ᾱ_prev = ᾱ[0] = 0.9 stays where it is.
        Assert.Equal(0.88742589, a[0], 1e-6);
        Assert.Equal(1.0, b[0], 1e-6);
        Assert.Equal(0.9f, (float)toFirst.FinalAlphaCumprod);
    }

    [Fact]
    public void Ddim_ClipSampleClampsThePredictedOriginal()
    {
        var ddim = new DdimScheduler(HandSchedule with { ClipSample = true, ClipSampleRange = 0.5 });
        ddim.SetTimesteps(5);
        float[] sample = [1f];
        var x0 = new float[1];

        ddim.Step([0.5f], 0, sample, predictedOriginal: x0);

        Assert.Equal(0.5f, x0[0]);
    }

    [Fact]
    public void Ddim_EtaAddsSeededNoiseWithTheDdpmVariance()
    {
        var ddim = new DdimScheduler(HandSchedule with { Eta = 1.0 });
        ddim.SetTimesteps(5);
        float[] sample = [1f];
        float z = new GaussianNoise(3).Next();

        ddim.Step([0.5f], 0, sample, new GaussianNoise(3));

        // σ_t² = (1−ᾱ_prev)/(1−ᾱ_t)·(1−ᾱ_t/ᾱ_prev) = 0.16181343.
        double expected = (Math.Sqrt(0.4782969) * 0.97787963) + (0.59990806 * 0.5) + (0.40226040 * z);
        Assert.True(ddim.NeedsStepNoise);
        Assert.Equal(expected, sample[0], 1e-5);
        Assert.Throws<ArgumentNullException>(() => ddim.Step([0.5f], 0, new float[1]));
    }

    [Fact]
    public void Euler_EpsilonStepMovesAlongTheNoiseToTheNextSigma()
    {
        var euler = new EulerScheduler(Sd);
        euler.SetTimesteps(10);
        float sigma = euler.Sigmas[2];
        float next = euler.Sigmas[3];
        float[] sample = [2f, -1f];
        var x0 = new float[2];

        euler.Step([0.25f, 0.5f], 2, sample, predictedOriginal: x0);

        Assert.Equal(2 - (sigma * 0.25), x0[0], 1e-5);
        Assert.Equal(2 + (0.25 * (next - sigma)), sample[0], 1e-5);
        Assert.Equal(-1 + (0.5 * (next - sigma)), sample[1], 1e-5);
    }

    [Fact]
    public void Euler_VPredictionUsesTheVScalings()
    {
        var euler = new EulerScheduler(Sd with { PredictionType = PredictionType.VPrediction });
        euler.SetTimesteps(4);
        double sigma = euler.Sigmas[1];
        float[] sample = [1.5f];
        var x0 = new float[1];

        euler.Step([0.3f], 1, sample, predictedOriginal: x0);

        double expected = (0.3 * (-sigma / Math.Sqrt((sigma * sigma) + 1))) + (1.5 / ((sigma * sigma) + 1));
        Assert.Equal(expected, x0[0], 1e-6);
    }

    [Fact]
    public void Euler_OneStepLandsOnThePredictedOriginal()
    {
        var euler = new EulerScheduler(Sd with { TimestepSpacing = TimestepSpacing.Trailing });
        euler.SetTimesteps(1);
        float[] sample = [10f, -3f, 0.5f];
        float[] epsilon = [0.7f, -0.2f, 0.05f];
        float sigma = euler.Sigmas[0];

        euler.Step(epsilon, 0, sample);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(new[] { 10f, -3f, 0.5f }[i] - (sigma * epsilon[i]), sample[i], 1e-5);
        }
    }

    [Fact]
    public void EulerAncestral_OneStepLandsOnThePredictedOriginalDespiteNoise()
    {
        var ancestral = new EulerAncestralScheduler(Sd with { TimestepSpacing = TimestepSpacing.Trailing });
        ancestral.SetTimesteps(1);
        float[] sample = [10f, -3f];
        float[] epsilon = [0.7f, -0.2f];
        float sigma = ancestral.Sigmas[0];

        ancestral.Step(epsilon, 0, sample, new GaussianNoise(1));

        Assert.Equal(10 - (sigma * 0.7f), sample[0], 1e-5);
        Assert.Equal(-3 - (sigma * -0.2f), sample[1], 1e-5);
    }

    [Fact]
    public void EulerAncestral_StepsDownThenAddsSigmaUpNoise()
    {
        var ancestral = new EulerAncestralScheduler(Sd);
        ancestral.SetTimesteps(10);
        double from = ancestral.Sigmas[3];
        double to = ancestral.Sigmas[4];
        double up = Math.Sqrt(to * to * ((from * from) - (to * to)) / (from * from));
        double down = Math.Sqrt((to * to) - (up * up));
        float[] sample = [1f, 2f];
        var replay = new GaussianNoise(8, 2);
        float z0 = replay.Next();
        float z1 = replay.Next();

        ancestral.Step([0.1f, -0.4f], 3, sample, new GaussianNoise(8, 2));

        Assert.Equal(1 + (0.1 * (down - from)) + (z0 * up), sample[0], 1e-4);
        Assert.Equal(2 + (-0.4 * (down - from)) + (z1 * up), sample[1], 1e-4);
        Assert.Throws<ArgumentNullException>(() => ancestral.Step([0f, 0f], 3, new float[2]));
    }

    [Fact]
    public void Euler_ScaleModelInputDividesBySqrtSigmaSquaredPlusOne()
    {
        var euler = new EulerScheduler(Sd with { TimestepSpacing = TimestepSpacing.Leading });
        euler.SetTimesteps(20);
        float[] sample = [11.0736f, -2f];
        var scaled = new float[2];

        euler.ScaleModelInput(sample, scaled, 0);

        Assert.Equal(1.0, scaled[0], 1e-4);
        Assert.Equal(-2 / Math.Sqrt((11.0283 * 11.0283) + 1), scaled[1], 1e-4);
        Assert.Equal(scaled[1] / -2f, euler.ModelInputScale(0), 1e-7);
    }

    [Fact]
    public void DdimAndLcm_ScaleModelInputCopies()
    {
        foreach (IScheduler scheduler in new IScheduler[] { new DdimScheduler(Sd), new LcmScheduler(Sd) })
        {
            scheduler.SetTimesteps(4);
            var destination = new float[2];

            scheduler.ScaleModelInput([3f, -4f], destination, 1);

            Assert.Equal([3f, -4f], destination);
            Assert.Equal(1f, scheduler.ModelInputScale(1));
        }
    }

    [Fact]
    public void Lcm_StepMixesBoundaryScalingsAndRenoisesToTheNextTimestep()
    {
        SchedulerSettings settings = SchedulerConfig.DiffusersDefaults(SchedulerKind.Lcm);
        var lcm = new LcmScheduler(settings);
        lcm.SetTimesteps(4);
        NoiseSchedule schedule = lcm.Schedule;
        float[] sample = [0.8f];
        var denoised = new float[1];
        float z = new GaussianNoise(4).Next();

        lcm.Step([0.3f], 1, sample, new GaussianNoise(4), denoised);

        // t = 759 → 7590 after timestep scaling; next timestep 499.
        double alpha = schedule.AlphasCumprod[759];
        double x0 = (0.8 - (Math.Sqrt(1 - alpha) * 0.3)) / Math.Sqrt(alpha);
        double cSkip = 0.25 / ((7590.0 * 7590.0) + 0.25);
        double cOut = 7590.0 / Math.Sqrt((7590.0 * 7590.0) + 0.25);
        double expectedDenoised = (cOut * x0) + (cSkip * 0.8);
        double next = schedule.AlphasCumprod[499];
        Assert.Equal(expectedDenoised, denoised[0], 1e-5);
        Assert.Equal((Math.Sqrt(next) * expectedDenoised) + (Math.Sqrt(1 - next) * z), sample[0], 1e-5);
    }

    [Fact]
    public void Lcm_LastStepReturnsTheDenoisedEstimateWithoutNoise()
    {
        var lcm = new LcmScheduler(SchedulerConfig.DiffusersDefaults(SchedulerKind.Lcm));
        lcm.SetTimesteps(4);
        float[] sample = [0.8f];
        var denoised = new float[1];

        lcm.Step([0.3f], 3, sample, noise: null, denoised);

        Assert.Equal(denoised[0], sample[0]);
        Assert.Throws<ArgumentNullException>(() => lcm.Step([0.3f], 2, new float[1]));
    }

    [Fact]
    public void AddNoise_AlphaFamilyMixesSignalAndNoiseAtTheStepTimestep()
    {
        foreach (IScheduler scheduler in new IScheduler[] { new DdimScheduler(Sd), new LcmScheduler(Sd) })
        {
            scheduler.SetTimesteps(4);
            int t = (int)scheduler.Timesteps[1];
            double alpha = NoiseSchedule.Create(Sd).AlphasCumprod[t];
            var noisy = new float[2];

            scheduler.AddNoise([1f, -0.5f], [0.2f, 2f], 1, noisy);

            Assert.Equal((Math.Sqrt(alpha) * 1) + (Math.Sqrt(1 - alpha) * 0.2), noisy[0], 1e-6);
            Assert.Equal((Math.Sqrt(alpha) * -0.5) + (Math.Sqrt(1 - alpha) * 2), noisy[1], 1e-6);
        }
    }

    [Fact]
    public void AddNoise_EulerFamilyAddsSigmaTimesNoise()
    {
        foreach (IScheduler scheduler in new IScheduler[] { new EulerScheduler(Sd), new EulerAncestralScheduler(Sd) })
        {
            scheduler.SetTimesteps(10, strength: 0.5);
            float sigma = scheduler switch
            {
                EulerScheduler euler => euler.Sigmas[5],
                EulerAncestralScheduler ancestral => ancestral.Sigmas[5],
                _ => float.NaN,
            };
            Assert.Equal(5, scheduler.BeginIndex);
            var noisy = new float[2];

            scheduler.AddNoise([1f, -0.5f], [0.2f, 2f], scheduler.BeginIndex, noisy);

            Assert.Equal(1 + (0.2 * sigma), noisy[0], 1e-5);
            Assert.Equal(-0.5 + (2 * sigma), noisy[1], 1e-5);
        }
    }

    [Fact]
    public void AddNoise_PastTheLastStepCopiesTheOriginal()
    {
        foreach (SchedulerKind kind in Enum.GetValues<SchedulerKind>())
        {
            IScheduler scheduler = SchedulerFactory.Create(kind, Sd);
            scheduler.SetTimesteps(4, strength: 0);
            var result = new float[2];

            scheduler.AddNoise([1f, -0.5f], [0.2f, 2f], scheduler.BeginIndex, result);

            Assert.Equal(4, scheduler.BeginIndex);
            Assert.Equal(0, scheduler.StepsToRun);
            Assert.Equal([1f, -0.5f], result);
        }
    }

    [Fact]
    public void Step_BeforeSetTimestepsIsRefused()
    {
        var ddim = new DdimScheduler(Sd);

        Assert.Throws<InvalidOperationException>(() => ddim.Step([0f], 0, new float[1]));
    }

    [Fact]
    public void Step_RejectsMismatchedBuffersAndIndices()
    {
        var euler = new EulerScheduler(Sd);
        euler.SetTimesteps(4);

        Assert.Throws<ArgumentException>(() => euler.Step([0f, 0f], 0, new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => euler.Step([0f], 4, new float[1]));
        Assert.Throws<ArgumentException>(() => euler.Step([0f], 0, new float[1], predictedOriginal: new float[2]));
    }

    [Fact]
    public void FullDenoisingLoop_WithAPerfectNoisePredictorRecoversTheCleanLatent()
    {
        // A model that knows the clean sample x₀ predicts ε = (x_t − √ᾱ x₀)/√(1−ᾱ) exactly, where x_t is what the
        // UNet sees (the scaled input) and ᾱ its noise level (the timestep's for DDIM, 1/(σ²+1) = scale² for
        // Euler). Every deterministic sampler must then predict x₀ at the end; Euler also lands on it (final
        // σ = 0) while DDIM stays at the noise level of ᾱ[0] (set_alpha_to_one is false for SD 1.5).
        float[] clean = [0.3f, -0.7f, 1.1f, 0.0f];
        foreach (SchedulerKind kind in new[] { SchedulerKind.Ddim, SchedulerKind.Euler })
        {
            IScheduler scheduler = SchedulerFactory.Create(kind, SchedulerConfig.StableDiffusion15);
            scheduler.SetTimesteps(20);
            var latents = new float[clean.Length];
            new GaussianNoise(12).Fill(latents, scheduler.InitNoiseSigma);
            var input = new float[clean.Length];
            var epsilon = new float[clean.Length];
            var predicted = new float[clean.Length];
            NoiseSchedule schedule = NoiseSchedule.Create(scheduler.Settings);

            for (int i = scheduler.BeginIndex; i < scheduler.Timesteps.Count; i++)
            {
                scheduler.ScaleModelInput(latents, input, i);
                double scale = scheduler.ModelInputScale(i);
                double alpha = kind == SchedulerKind.Ddim ? schedule.AlphasCumprod[(int)scheduler.Timesteps[i]] : scale * scale;
                for (int j = 0; j < clean.Length; j++)
                {
                    epsilon[j] = (float)((input[j] - (Math.Sqrt(alpha) * clean[j])) / Math.Sqrt(1 - alpha));
                }
                scheduler.Step(epsilon, i, latents, predictedOriginal: predicted);
            }

            for (int j = 0; j < clean.Length; j++)
            {
                Assert.Equal(clean[j], predicted[j], 1e-4);
                double alpha0 = schedule.AlphasCumprod[0];
                double expected = kind == SchedulerKind.Euler
                    ? clean[j]
                    : (Math.Sqrt(alpha0) * clean[j]) + (Math.Sqrt(1 - alpha0) * epsilon[j]);
                Assert.Equal(expected, latents[j], 1e-4);
            }
        }
    }
}
