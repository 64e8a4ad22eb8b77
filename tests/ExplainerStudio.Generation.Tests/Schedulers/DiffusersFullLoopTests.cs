using ExplainerStudio.Generation.Randomness;
using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Tests.Schedulers;

/// <summary>
/// diffusers' own deterministic full-loop scheduler tests, reproduced: the same configuration, the same 4×3×8×8
/// sample (k/768), the same noise ((767 − k)/768, paired element by element), the same stand-in model
/// <c>sample · t/(t + 1)</c> and the same loop, and the sum and mean of |sample| within diffusers' own tolerances.
/// Loops that draw step noise from <c>torch.manual_seed(0)</c> (Euler ancestral, multi-step LCM) replay PyTorch's CPU
/// normal samples (<see cref="TorchCpuRandn"/>) over the sample in PyTorch's memory layout.
/// </summary>
public sealed class DiffusersFullLoopTests
{
    private const int Elements = 4 * 3 * 8 * 8;

    private static readonly SchedulerSettings DdimTest = new()
    {
        NumTrainTimesteps = 1000,
        BetaStart = 0.0001,
        BetaEnd = 0.02,
        BetaSchedule = BetaSchedule.Linear,
        ClipSample = true,
    };

    private static readonly SchedulerSettings EulerTest = new()
    {
        NumTrainTimesteps = 1100,
        BetaStart = 0.0001,
        BetaEnd = 0.02,
        BetaSchedule = BetaSchedule.Linear,
        TimestepSpacing = TimestepSpacing.Linspace,
    };

    private static readonly SchedulerSettings LcmTest = new()
    {
        NumTrainTimesteps = 1000,
        BetaStart = 0.00085,
        BetaEnd = 0.012,
        BetaSchedule = BetaSchedule.ScaledLinear,
    };

    [Fact]
    public void Ddim_FullLoopNoNoise()
    {
        AssertSums(DdimLoop(DdimTest), 172.0067, 1e-2, 0.223967, 1e-3);
    }

    [Fact]
    public void Ddim_FullLoopWithVPrediction()
    {
        AssertSums(DdimLoop(DdimTest with { PredictionType = PredictionType.VPrediction }), 52.5302, 1e-2, 0.0684, 1e-3);
    }

    [Fact]
    public void Ddim_FullLoopWithSetAlphaToOne()
    {
        AssertSums(DdimLoop(DdimTest with { SetAlphaToOne = true, BetaStart = 0.01 }), 149.8295, 1e-2, 0.1951, 1e-3);
    }

    [Fact]
    public void Ddim_FullLoopWithoutSetAlphaToOne()
    {
        AssertSums(DdimLoop(DdimTest with { SetAlphaToOne = false, BetaStart = 0.01 }), 149.0784, 1e-2, 0.1941, 1e-3);
    }

    [Fact]
    public void Ddim_FullLoopWithNoise()
    {
        var ddim = new DdimScheduler(DdimTest);
        ddim.SetTimesteps(10, strength: 0.2);
        float[] sample = new float[Elements];
        ddim.AddNoise(Sample(), Noise(), ddim.BeginIndex, sample);

        for (int i = ddim.BeginIndex; i < ddim.Timesteps.Count; i++)
        {
            ddim.Step(Model(sample, ddim.Timesteps[i]), i, sample);
        }

        Assert.Equal(8, ddim.BeginIndex);
        AssertSums(sample, 354.5418, 1e-2, 0.4616, 1e-3);
    }

    [Fact]
    public void Euler_FullLoopNoNoise()
    {
        AssertSums(EulerLoop(EulerTest, strength: 1.0, addNoise: false), 10.0807, 1e-2, 0.0131, 1e-3);
    }

    [Fact]
    public void Euler_FullLoopWithVPrediction()
    {
        AssertSums(EulerLoop(EulerTest with { PredictionType = PredictionType.VPrediction }, strength: 1.0, addNoise: false), 0.0002, 1e-2, 2.2676e-06, 1e-3);
    }

    [Fact]
    public void Euler_FullLoopWithNoise()
    {
        AssertSums(EulerLoop(EulerTest, strength: 0.2, addNoise: true), 57062.9297, 1e-2, 74.3007, 1e-3);
    }

    [Fact]
    public void Lcm_FullLoopOneStep()
    {
        var lcm = new LcmScheduler(LcmTest);
        lcm.SetTimesteps(1);
        float[] sample = Sample();

        lcm.Step(Model(sample, lcm.Timesteps[0]), 0, sample);

        Assert.Equal([999f], lcm.Timesteps);
        AssertSums(sample, 18.7097, 1e-3, 0.0244, 1e-3);
    }

    [Fact]
    public void EulerAncestral_FullLoopNoNoise()
    {
        AssertSums(EulerAncestralLoop(EulerTest), 152.3192, 1e-2, 0.1983, 1e-3);
    }

    [Fact]
    public void EulerAncestral_FullLoopWithVPrediction()
    {
        AssertSums(EulerAncestralLoop(EulerTest with { PredictionType = PredictionType.VPrediction }), 108.4439, 1e-2, 0.1412, 1e-3);
    }

    [Fact]
    public void EulerAncestral_FullLoopWithNoise()
    {
        var euler = new EulerAncestralScheduler(EulerTest);
        euler.SetTimesteps(10, strength: 0.2);
        float[] sample = TorchLayoutSample().Select(v => v * euler.InitNoiseSigma).ToArray();
        float[] noise = TorchLayoutSample().Select(v => ((Elements - 1) / (float)Elements) - v).ToArray();
        euler.AddNoise(sample.ToArray(), noise, euler.BeginIndex, sample);
        var torch = new TorchCpuRandn(0);

        for (int i = euler.BeginIndex; i < euler.Timesteps.Count; i++)
        {
            euler.ScaleModelInput(sample.ToArray(), sample, i);
            euler.Step(Model(sample, euler.Timesteps[i]), i, sample, new GaussianNoise(torch.Next(Elements)));
        }

        AssertSums(sample, 56163.0508, 1e-2, 73.1290, 1e-3);
    }

    [Fact]
    public void Lcm_FullLoopMultiStep()
    {
        var lcm = new LcmScheduler(LcmTest);
        lcm.SetTimesteps(10);
        float[] sample = TorchLayoutSample();
        var torch = new TorchCpuRandn(0);

        for (int i = 0; i < lcm.Timesteps.Count; i++)
        {
            float[] output = Model(sample, lcm.Timesteps[i]);
            lcm.Step(output, i, sample, new GaussianNoise(torch.Next(Elements)));
        }

        AssertSums(sample, 197.7616, 1e-3, 0.2575, 1e-3);
    }

    private static float[] EulerAncestralLoop(SchedulerSettings settings)
    {
        var euler = new EulerAncestralScheduler(settings);
        euler.SetTimesteps(10);
        float[] sample = TorchLayoutSample().Select(v => v * euler.InitNoiseSigma).ToArray();
        var torch = new TorchCpuRandn(0);
        for (int i = 0; i < euler.Timesteps.Count; i++)
        {
            euler.ScaleModelInput(sample.ToArray(), sample, i);
            euler.Step(Model(sample, euler.Timesteps[i]), i, sample, new GaussianNoise(torch.Next(Elements)));
        }

        return sample;
    }

    /// <summary>
    /// dummy_sample_deter as PyTorch lays it out: <c>arange(768).reshape(3, 8, 8, 4).permute(3, 0, 1, 2) / 768</c>,
    /// which matters once noise is drawn in memory order.
    /// </summary>
    private static float[] TorchLayoutSample()
    {
        var sample = new float[Elements];
        for (int b = 0; b < 4; b++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int h = 0; h < 8; h++)
                {
                    for (int w = 0; w < 8; w++)
                    {
                        sample[(((((b * 3) + c) * 8) + h) * 8) + w] = (((((c * 8) + h) * 8) + w) * 4 + b) / (float)Elements;
                    }
                }
            }
        }

        return sample;
    }

    private static float[] DdimLoop(SchedulerSettings settings)
    {
        var ddim = new DdimScheduler(settings);
        ddim.SetTimesteps(10);
        float[] sample = Sample();
        for (int i = 0; i < ddim.Timesteps.Count; i++)
        {
            ddim.Step(Model(sample, ddim.Timesteps[i]), i, sample);
        }

        return sample;
    }

    /// <summary>
    /// diffusers' Euler loop, quirk included: it replaces the sample by the scaled model input and steps from
    /// that, rather than from the unscaled sample a pipeline keeps.
    /// </summary>
    private static float[] EulerLoop(SchedulerSettings settings, double strength, bool addNoise)
    {
        var euler = new EulerScheduler(settings);
        euler.SetTimesteps(10, strength);
        float[] sample = Sample().Select(v => v * euler.InitNoiseSigma).ToArray();
        if (addNoise)
        {
            euler.AddNoise(sample.ToArray(), Noise(), euler.BeginIndex, sample);
        }

        for (int i = euler.BeginIndex; i < euler.Timesteps.Count; i++)
        {
            euler.ScaleModelInput(sample.ToArray(), sample, i);
            euler.Step(Model(sample, euler.Timesteps[i]), i, sample);
        }

        return sample;
    }

    private static float[] Sample() => [.. Enumerable.Range(0, Elements).Select(k => k / (float)Elements)];

    private static float[] Noise() => [.. Enumerable.Range(0, Elements).Select(k => (Elements - 1 - k) / (float)Elements)];

    private static float[] Model(float[] sample, float t) => [.. sample.Select(v => v * t / (t + 1f))];

    private static void AssertSums(float[] sample, double sum, double sumTolerance, double mean, double meanTolerance)
    {
        double actualSum = sample.Sum(v => Math.Abs((double)v));
        double actualMean = actualSum / sample.Length;
        Assert.True(Math.Abs(actualSum - sum) < sumTolerance, $"sum of |sample| is {actualSum:R}, diffusers expects {sum} ± {sumTolerance}");
        Assert.True(Math.Abs(actualMean - mean) < meanTolerance, $"mean of |sample| is {actualMean:R}, diffusers expects {mean} ± {meanTolerance}");
    }
}
