using System.Diagnostics;
using System.Runtime.CompilerServices;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Randomness;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Schedulers;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// Text-to-image and image-to-image over one model pack, in one readable denoising loop (<see cref="Generate"/>).
/// Any pack that passed inspection runs here: float32 or float16 graphs, int32 or int64 token ids, every timestep
/// form, LCM guidance embeddings, both VAE encoder conventions and UNets that take image tokens. Instances hold only
/// the pack's fixed pieces, so several generations may run at once.
/// </summary>
public sealed class DiffusionPipeline
{
    // Independent noise streams of one seed, so that adding a use of noise never shifts another.
    private const ulong LatentNoiseStream = 0;
    private const ulong StepNoiseStream = 1;
    private const ulong PosteriorNoiseStream = 2;
    private const int PreviewFitSize = 64;

    private readonly OnnxRuntime _runtime;
    private readonly ConditioningEncoder _conditioning;
    private readonly LatentCodec _codec;
    private readonly Lazy<LatentPreviewMap?> _previewMap;

    /// <summary>Creates a pipeline for a loaded pack; sessions come from <paramref name="runtime"/>'s cache.</summary>
    public DiffusionPipeline(OnnxRuntime runtime, ModelPack pack)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(pack);
        _runtime = runtime;
        Pack = pack;
        _conditioning = new ConditioningEncoder(runtime, pack);
        _codec = new LatentCodec(runtime, pack);
        _previewMap = new Lazy<LatentPreviewMap?>(() => FitPreview(CancellationToken.None));
    }

    /// <summary>The pack this pipeline runs.</summary>
    public ModelPack Pack { get; }

    /// <summary>Runs <see cref="Generate"/> on the thread pool.</summary>
    public Task<GenerationResult> GenerateAsync(GenerationRequest request, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Generate(request, progress, cancellationToken), cancellationToken);

    /// <summary>
    /// Generates one image: tokenise and encode the prompts (and reference images), prepare the latents (noise, or
    /// the encoded init image noised to <see cref="GenerationRequest.Strength"/>), run the UNet step by step with
    /// guidance and the scheduler, then decode. Progress is reported after every step. Latent consistency packs
    /// take guidance as an embedding and have no unconditional pass, so they ignore the negative prompt.
    /// </summary>
    /// <exception cref="ArgumentException">The request is out of range (size not a multiple of 8, strength outside [0, 1], ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; a running UNet step stops within that step.</exception>
    /// <exception cref="OnnxRuntimeException">A graph failed.</exception>
    public GenerationResult Generate(GenerationRequest request, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var clock = Stopwatch.StartNew();
        float guidance = request.GuidanceScale ?? Pack.DefaultGuidanceScale;
        bool classifierFree = !Pack.Unet.IsLatentConsistency && guidance > 1f;
        PromptConditioning conditioning = _conditioning.Encode(
            request.Prompt, request.NegativePrompt, classifierFree, request.ReferenceImages, request.ReferenceScale, cancellationToken);
        TimeSpan conditioningTime = clock.Elapsed;
        return Denoise(request, conditioning, guidance, clock, conditioningTime, progress, cancellationToken);
    }

    /// <summary>The default spacing of refined frames in a clip: every 8th frame (3 a second at 24 fps) is refined.</summary>
    public const int DefaultRefineEvery = 8;

    /// <summary>
    /// Renders a shot along a camera move: the keyframe, then <paramref name="frameCount"/> frames cropped from it by
    /// <see cref="CameraMotion"/> at progress 1/n … n/n, every <paramref name="refineEvery"/>-th refined with the
    /// keyframe's noise and the others following the move between them
    /// (see <see cref="RenderShotAsync(GenerationRequest, int, Func{RgbImage, int, int, RgbImage}, float, int, IProgress{GenerationProgress}?, CancellationToken)"/>).
    /// </summary>
    public IAsyncEnumerable<ShotFrame> RenderShotAsync(
        GenerationRequest keyframe,
        CameraMove move,
        int frameCount,
        float refineStrength = 0.3f,
        double amount = CameraMotion.DefaultAmount,
        int refineEvery = DefaultRefineEvery,
        IProgress<GenerationProgress>? keyframeProgress = null,
        CancellationToken cancellationToken = default) =>
        RenderShotAsync(
            keyframe,
            frameCount,
            (key, index, count) => CameraMotion.RenderFrame(key, move, (double)index / count, amount),
            refineStrength,
            refineEvery,
            keyframeProgress,
            cancellationToken);

    /// <summary>
    /// Renders a shot: first the keyframe from <paramref name="keyframe"/> (index 0, with its recipe), then
    /// <paramref name="frameCount"/> frames along the move, <paramref name="frameAlongMove"/>(keyframe image, frame
    /// index 1..n, n) being the keyframe moved to frame i. Every <paramref name="refineEvery"/>-th frame and the last
    /// (the anchors) are refined by image-to-image at <paramref name="refineStrength"/> with the keyframe's seed, so
    /// every anchor is denoised from the same noise. A frame between two anchors is its moved keyframe plus what
    /// refinement changed at the anchors, blended linearly by its distance to each: the camera path is known
    /// exactly, so only the refinement's change is interpolated, and it changes smoothly from anchor to anchor.
    /// <paramref name="refineEvery"/> 1 refines every frame. Prompts and references are encoded once for the whole
    /// shot. Frames are yielded in order as soon as each is made, so the caller can stream them to ffmpeg.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; stops within one UNet step.</exception>
    public async IAsyncEnumerable<ShotFrame> RenderShotAsync(
        GenerationRequest keyframe,
        int frameCount,
        Func<RgbImage, int, int, RgbImage> frameAlongMove,
        float refineStrength = 0.3f,
        int refineEvery = DefaultRefineEvery,
        IProgress<GenerationProgress>? keyframeProgress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyframe);
        ArgumentNullException.ThrowIfNull(frameAlongMove);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(refineStrength, 0f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(refineStrength, 1f);
        ArgumentOutOfRangeException.ThrowIfLessThan(refineEvery, 1);
        Validate(keyframe);
        float guidance = keyframe.GuidanceScale ?? Pack.DefaultGuidanceScale;
        bool classifierFree = !Pack.Unet.IsLatentConsistency && guidance > 1f;
        var clock = Stopwatch.StartNew();
        PromptConditioning conditioning = await Task.Run(
            () => _conditioning.Encode(keyframe.Prompt, keyframe.NegativePrompt, classifierFree, keyframe.ReferenceImages, keyframe.ReferenceScale, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        TimeSpan conditioningTime = clock.Elapsed;
        GenerationResult key = await Task.Run(
            () => Denoise(keyframe, conditioning, guidance, clock, conditioningTime, keyframeProgress, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        yield return new ShotFrame(0, frameCount, key.Image, key);

        // The keyframe is the anchor before frame 1: refinement changed nothing there.
        short[] previousChange = new short[key.Image.Pixels.Length];
        int previous = 0;
        while (previous < frameCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int anchor = Math.Min(previous + refineEvery, frameCount);
            RgbImage moved = frameAlongMove(key.Image, anchor, frameCount);
            GenerationRequest refine = keyframe with { InitImage = moved, Strength = refineStrength, PreviewEvery = 0 };
            var frameClock = Stopwatch.StartNew();
            GenerationResult refined = await Task.Run(
                () => Denoise(refine, conditioning, guidance, frameClock, TimeSpan.Zero, null, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            short[] change = RefinementBlend.Change(moved, refined.Image);
            for (int index = previous + 1; index < anchor; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double weight = (index - previous) / (double)(anchor - previous);
                RgbImage between = RefinementBlend.Blend(frameAlongMove(key.Image, index, frameCount), previousChange, change, weight);
                yield return new ShotFrame(index, frameCount, between, null);
            }

            yield return new ShotFrame(anchor, frameCount, refined.Image, null);
            previousChange = change;
            previous = anchor;
        }
    }

    private GenerationResult Denoise(
        GenerationRequest request,
        PromptConditioning conditioning,
        float guidance,
        Stopwatch clock,
        TimeSpan conditioningTime,
        IProgress<GenerationProgress>? progress,
        CancellationToken cancellationToken)
    {
        (IScheduler scheduler, string? schedulerNote) = CreateScheduler(request.Scheduler);
        int steps = request.Steps ?? Pack.DefaultSteps;
        bool imageToImage = request.InitImage is not null;
        scheduler.SetTimesteps(steps, imageToImage ? request.Strength : 1.0);

        int latentHeight = request.Height / 8;
        int latentWidth = request.Width / 8;
        int latentLength = Pack.LatentChannels * latentHeight * latentWidth;
        float[] latents = new float[latentLength];
        float[] noise = new float[latentLength];
        new GaussianNoise(request.Seed, LatentNoiseStream).Fill(noise);

        TimeSpan encodeStart = clock.Elapsed;
        if (request.InitImage is RgbImage init)
        {
            float[] encoded = _codec.Encode(init, new GaussianNoise(request.Seed, PosteriorNoiseStream), cancellationToken);
            scheduler.AddNoise(encoded, noise, scheduler.BeginIndex, latents);
        }
        else
        {
            float sigma = scheduler.InitNoiseSigma;
            for (int i = 0; i < latentLength; i++)
            {
                latents[i] = noise[i] * sigma;
            }
        }

        TimeSpan encodeTime = clock.Elapsed - encodeStart;
        bool classifierFree = conditioning.Rows == 2;
        float[]? guidanceEmbedding = Pack.Unet.TimestepCondSize is int condSize ? GuidanceEmbedding.Create(guidance - 1.0, condSize) : null;
        float[] guided = new float[latentLength];
        float[] estimate = new float[latentLength];
        GaussianNoise? stepNoise = scheduler.NeedsStepNoise ? new GaussianNoise(request.Seed, StepNoiseStream) : null;
        int total = scheduler.StepsToRun;

        TimeSpan loopStart = clock.Elapsed;
        TimeSpan unetTime;
        using (var unet = new UnetRunner(_runtime.GetSession(Pack.Unet.Path), Pack.Unet, conditioning, latentHeight, latentWidth, guidanceEmbedding))
        {
            for (int index = scheduler.BeginIndex, done = 1; index < scheduler.Timesteps.Count; index++, done++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReadOnlySpan<float> prediction = unet.Predict(latents, scheduler.ModelInputScale(index), scheduler.Timesteps[index], cancellationToken);
                ReadOnlySpan<float> modelOutput = classifierFree ? Guide(prediction, guidance, guided) : prediction[..latentLength];
                bool preview = progress is not null && request.PreviewEvery > 0 && (done % request.PreviewEvery == 0 || done == total) && _previewMap.Value is not null;
                scheduler.Step(modelOutput, index, latents, stepNoise, preview ? estimate : default);
                progress?.Report(new GenerationProgress(
                    done,
                    total,
                    clock.Elapsed,
                    preview ? LatentPreview.Render(estimate, latentWidth, latentHeight, _previewMap.Value) : null));
            }

            unetTime = unet.InsideRuntime;
        }

        TimeSpan loopTime = clock.Elapsed - loopStart;
        TimeSpan decodeStart = clock.Elapsed;
        RgbImage image = _codec.Decode(latents, latentHeight, latentWidth, cancellationToken);
        TimeSpan decodeTime = clock.Elapsed - decodeStart;

        var recipe = new GenerationRecipe(
            Pack.Id,
            Pack.ContentHash,
            request.Seed,
            scheduler.Kind,
            schedulerNote,
            steps,
            total,
            guidance,
            imageToImage ? request.Strength : null,
            request.Width,
            request.Height,
            conditioning.ImageTokens,
            _runtime.ExecutionProvider.RecipeName);
        var timings = new GenerationTimings(clock.Elapsed, conditioningTime, encodeTime, unetTime, loopTime - unetTime, decodeTime);
        return new GenerationResult(image, recipe, timings);
    }

    /// <summary>Classifier-free guidance: <c>uncond + g·(cond − uncond)</c> over the batched [uncond, cond] prediction.</summary>
    private static ReadOnlySpan<float> Guide(ReadOnlySpan<float> prediction, float guidance, float[] guided)
    {
        int length = guided.Length;
        ReadOnlySpan<float> unconditional = prediction[..length];
        ReadOnlySpan<float> conditional = prediction.Slice(length, length);
        for (int i = 0; i < length; i++)
        {
            guided[i] = unconditional[i] + (guidance * (conditional[i] - unconditional[i]));
        }

        return guided;
    }

    private (IScheduler Scheduler, string? Note) CreateScheduler(SchedulerKind? kind)
    {
        SchedulerConfig config = Pack.Scheduler;
        if (kind is SchedulerKind chosen)
        {
            return (SchedulerFactory.Create(chosen, config), null);
        }

        (IScheduler scheduler, SchedulerChoice choice) = SchedulerFactory.CreateDefault(config);
        return (scheduler, choice.FallbackNote);
    }

    private LatentPreviewMap? FitPreview(CancellationToken cancellationToken)
    {
        TensorMetadata sample = _runtime.GetSession(Pack.VaeEncoder.Path).GetInput(VaeEncoderModel.SampleName);
        int height = sample.Shape[2] > 0 ? (int)sample.Shape[2] : PreviewFitSize;
        int width = sample.Shape[3] > 0 ? (int)sample.Shape[3] : PreviewFitSize;
        return PreviewMapFit.Fit(_codec, Pack.LatentChannels, width, height, cancellationToken);
    }

    private void Validate(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Prompt);
        if (request.Width <= 0 || request.Height <= 0 || request.Width % 8 != 0 || request.Height % 8 != 0)
        {
            throw new ArgumentException($"Image size {request.Width}x{request.Height} is not possible: width and height must be positive multiples of 8.", nameof(request));
        }

        if (request.Steps is < 1 or > 1000)
        {
            throw new ArgumentException($"Steps must be between 1 and 1000, not {request.Steps}.", nameof(request));
        }

        if (request.GuidanceScale is < 0f or > 50f || request.Strength is < 0f or > 1f || request.ReferenceScale is < 0f or > 10f)
        {
            throw new ArgumentException("Guidance must be in [0, 50], strength in [0, 1] and reference scale in [0, 10].", nameof(request));
        }

        if (request.InitImage is RgbImage init && (init.Width != request.Width || init.Height != request.Height))
        {
            throw new ArgumentException($"The init image is {init.Width}x{init.Height} but the request is {request.Width}x{request.Height}; compose the layout at the output size.", nameof(request));
        }
    }
}
