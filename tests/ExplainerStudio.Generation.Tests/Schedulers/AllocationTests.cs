using ExplainerStudio.Generation.Randomness;
using ExplainerStudio.Generation.Schedulers;

namespace ExplainerStudio.Generation.Tests.Schedulers;

public sealed class AllocationTests
{
    [Theory]
    [InlineData(SchedulerKind.Ddim)]
    [InlineData(SchedulerKind.Euler)]
    [InlineData(SchedulerKind.EulerAncestral)]
    [InlineData(SchedulerKind.Lcm)]
    public void DenoisingStep_AllocatesNothingOnTheManagedHeap(SchedulerKind kind)
    {
        IScheduler scheduler = SchedulerFactory.Create(kind, SchedulerConfig.StableDiffusion15, eta: 0.3);
        scheduler.SetTimesteps(4, strength: 1.0);
        const int Size = 4 * 64 * 64;
        var latents = new float[Size];
        var input = new float[Size];
        var output = new float[Size];
        var preview = new float[Size];
        var noise = new GaussianNoise(1, 1);
        new GaussianNoise(1).Fill(latents, scheduler.InitNoiseSigma);

        // A whole loop first, so every code path the measured steps take has been compiled (the JIT allocates on the
        // calling thread the first time a path runs); then the same schedule again, measured.
        for (int i = 0; i < scheduler.StepsToRun; i++)
        {
            RunStep(scheduler, i, latents, input, output, preview, noise);
        }

        scheduler.SetTimesteps(4, strength: 1.0);
        new GaussianNoise(1).Fill(latents, scheduler.InitNoiseSigma);
        RunStep(scheduler, 0, latents, input, output, preview, noise);

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunStep(scheduler, 1, latents, input, output, preview, noise);
        RunStep(scheduler, 2, latents, input, output, preview, noise);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void RunStep(
        IScheduler scheduler, int index, float[] latents, float[] input, float[] output, float[] preview, GaussianNoise noise)
    {
        scheduler.ScaleModelInput(latents, input, index);
        noise.Fill(output);
        scheduler.Step(output, index, latents, noise, preview);
        scheduler.AddNoise(preview, output, index, input);
    }
}
