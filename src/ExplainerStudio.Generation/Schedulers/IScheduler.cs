using ExplainerStudio.Generation.Randomness;

namespace ExplainerStudio.Generation.Schedulers;

/// <summary>
/// A diffusion sampler in the shape of diffusers' schedulers, working in place on flat float latents so a
/// denoising loop allocates nothing per step.
/// </summary>
/// <remarks>
/// <para>Use: <see cref="SetTimesteps"/> once per generation; fill the initial latents with noise times
/// <see cref="InitNoiseSigma"/> (text-to-image) or <see cref="AddNoise"/> the encoded image at
/// <see cref="BeginIndex"/> (image-to-image); then for each step index <c>i</c> from <see cref="BeginIndex"/> to
/// <c>Timesteps.Count − 1</c>: <see cref="ScaleModelInput"/>, run the UNet with timestep <c>Timesteps[i]</c>,
/// combine guidance, and <see cref="Step"/>. After the last step the latents are the clean estimate.</para>
/// <para>Steps are addressed by index rather than by timestep value (diffusers keeps a hidden step counter), so
/// a step can be retried and the same scheduler can drive several latents; the noise of stochastic schedulers
/// comes from the <see cref="GaussianNoise"/> passed in. Spans passed as source and destination of one call may be
/// the same span; partially overlapping spans are not supported.</para>
/// </remarks>
public interface IScheduler
{
    /// <summary>Which algorithm this is.</summary>
    SchedulerKind Kind { get; }

    /// <summary>The resolved settings it runs with.</summary>
    SchedulerSettings Settings { get; }

    /// <summary>The step count given to <see cref="SetTimesteps"/>; 0 before it is called.</summary>
    int InferenceSteps { get; }

    /// <summary>
    /// The UNet timestep for each step index, descending (whole numbers except for Euler with linspace spacing or
    /// continuous timesteps). Empty before <see cref="SetTimesteps"/>.
    /// </summary>
    IReadOnlyList<float> Timesteps { get; }

    /// <summary>
    /// First step index to run: 0 for text-to-image; for image-to-image the index where noise is added, as
    /// diffusers' <c>get_timesteps</c>/<c>set_begin_index</c> choose it; <c>Timesteps.Count</c> when strength 0
    /// leaves nothing to run.
    /// </summary>
    int BeginIndex { get; }

    /// <summary>Number of UNet evaluations one generation takes: <c>Timesteps.Count − BeginIndex</c>.</summary>
    int StepsToRun { get; }

    /// <summary>Standard deviation of the initial noise for text-to-image (1 for DDIM/LCM, the largest sigma or
    /// √(σ²+1) for Euler).</summary>
    float InitNoiseSigma { get; }

    /// <summary>True when <see cref="Step"/> draws fresh noise and therefore needs a generator.</summary>
    bool NeedsStepNoise { get; }

    /// <summary>
    /// Computes the timesteps for <paramref name="inferenceSteps"/> steps and, for <paramref name="strength"/>
    /// below 1, the image-to-image start (diffusion.md B.7): <c>BeginIndex = n − min(⌊n·strength⌋, n)</c>;
    /// LCM instead shortens its distillation schedule to <c>⌊50·strength⌋</c> steps as diffusers does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step count or strength is out of range.</exception>
    void SetTimesteps(int inferenceSteps, double strength = 1.0);

    /// <summary>The factor <see cref="ScaleModelInput"/> multiplies by at <paramref name="stepIndex"/>, for callers
    /// that fuse scaling into their own copy (e.g. into a float16 or batched UNet input).</summary>
    float ModelInputScale(int stepIndex);

    /// <summary>Writes the UNet input for <paramref name="stepIndex"/>: <paramref name="sample"/> times
    /// <see cref="ModelInputScale"/> (Euler divides by √(σ²+1); DDIM and LCM copy).</summary>
    void ScaleModelInput(ReadOnlySpan<float> sample, Span<float> destination, int stepIndex);

    /// <summary>
    /// Advances <paramref name="sample"/> in place from step <paramref name="stepIndex"/> to the next, given the
    /// (guided) model output. When <paramref name="predictedOriginal"/> is not empty it receives the clean-latent
    /// estimate (x₀ for DDIM/Euler, the boundary-conditioned estimate for LCM), useful for previews.
    /// </summary>
    /// <exception cref="ArgumentNullException">The scheduler needs step noise and <paramref name="noise"/> is null.</exception>
    void Step(
        ReadOnlySpan<float> modelOutput,
        int stepIndex,
        Span<float> sample,
        GaussianNoise? noise = null,
        Span<float> predictedOriginal = default);

    /// <summary>
    /// Forward diffusion to the noise level of <paramref name="stepIndex"/>: √ᾱ_t·x₀ + √(1−ᾱ_t)·ε for DDIM/LCM,
    /// x₀ + σ·ε for Euler. At <c>stepIndex = Timesteps.Count</c> (nothing left to run) the original is copied.
    /// </summary>
    void AddNoise(ReadOnlySpan<float> original, ReadOnlySpan<float> noise, int stepIndex, Span<float> destination);
}
