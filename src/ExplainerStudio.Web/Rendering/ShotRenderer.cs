using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading.Channels;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Schedulers;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Media.Video;
using ExplainerStudio.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Rendering;

/// <summary>
/// Renders one job into a job folder: the layout image from the shot's placements and each character's locked
/// reference, the keyframe, the frames along the camera move streamed to the H.264 encoder, and the recipe.
/// Nothing here touches the takes folder or the job row; the worker commits the result.
/// </summary>
public sealed class ShotRenderer(
    IDbContextFactory<StudioDbContext> contextFactory,
    GenerationEngine engine,
    RawVideoEncoder encoder,
    ImageDecoder decoder,
    IOptions<RenderingOptions> options,
    Review.RenderedFrameStore? scoringFrames = null)
{
    private static readonly RgbColor Background = new(214, 228, 240);

    /// <summary>Frames held between the pipeline and the encoder: about 23 frames at 1280×720.</summary>
    private const int FrameBufferBytes = 64 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, DiffusionPipeline> _pipelines = new(StringComparer.OrdinalIgnoreCase);

    public static string AppVersion { get; } =
        typeof(ShotRenderer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// Everything before the first denoising step: the job's inputs, its references (refusing characters without a
    /// locked set), the pack's pipeline, the layout image and the keyframe request.
    /// </summary>
    public async Task<PreparedRender> PrepareAsync(RenderJob job, CancellationToken cancellationToken)
    {
        var inputs = JsonSerializer.Deserialize<RenderInputs>(job.InputsJson, RenderQueue.Json)
            ?? throw new InvalidOperationException($"Render job {job.Id} has no inputs.");
        var (project, loaded, images, referenceImages) = await LoadAsync(job, inputs, cancellationToken);

        await engine.WhenReadyAsync(cancellationToken);
        var pack = engine.GetPack(inputs.ModelPack);
        var references = pack.SupportsImageConditioning ? loaded : loaded.Select(r => r with { TokenImageSha256 = [] }).ToList();
        var pipeline = _pipelines.GetOrAdd(pack.Directory, _ => new DiffusionPipeline(engine.Runtime, pack));
        if (!ReferenceEquals(pipeline.Pack, pack))
        {
            pipeline = _pipelines[pack.Directory] = new DiffusionPipeline(engine.Runtime, pack);
        }

        var settings = options.Value;
        var (width, height) = RenderSize.For(project.Width, project.Height, settings.MaxLongSide);
        var layout = new LayoutImage(width, height, LayoutBackground.Solid(Background),
            inputs.Placements.Select(p => new LayoutPlacement(images[p.CharacterId], Math.Clamp(p.X, 0, 1), Math.Clamp(p.Y, 0, 1),
                Math.Clamp(p.Scale, 0.01, LayoutPlacement.MaxScale), p.ZOrder)).ToList()).Render();
        var request = new GenerationRequest
        {
            Prompt = inputs.Prompt,
            NegativePrompt = inputs.NegativePrompt,
            Width = width,
            Height = height,
            Steps = inputs.Steps,
            GuidanceScale = (float)inputs.Guidance,
            Seed = unchecked((ulong)inputs.Seed),
            Scheduler = ParseScheduler(inputs.Scheduler),
            InitImage = layout,
            ReferenceImages = referenceImages,
            Strength = (float)Math.Clamp(inputs.ReferenceStrength, 0, 1),
            PreviewEvery = settings.PreviewEverySteps,
        };
        var frameCount = Math.Max(1, (int)Math.Round(inputs.DurationSeconds * project.FrameRate, MidpointRounding.AwayFromZero));
        return new PreparedRender(inputs, references, pipeline, request, inputs.CameraMove, frameCount,
            (float)settings.RefineStrength, project.FrameRate, settings.RefineEveryFrames);
    }

    public async Task<RenderedTake> RenderAsync(RenderJob job, string workDirectory, RenderJobProgress progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var prepared = await PrepareAsync(job, cancellationToken);
        var (inputs, references, pipeline, request, frameCount) = (prepared.Inputs, prepared.References, prepared.Pipeline, prepared.Keyframe, prepared.FrameCount);
        var (width, height) = (request.Width, request.Height);
        var settings = options.Value;

        Directory.CreateDirectory(workDirectory);
        var keyframePath = Path.Combine(workDirectory, "keyframe.png");
        var clipPath = Path.Combine(workDirectory, "clip.mp4");
        var shot = new ShotProgress(progress, frameCount, settings.PreviewEveryFrames);
        // The scorer's view of the frames, taken on the encoder's side of the buffer so the pipeline never waits for it.
        var capture = scoringFrames?.Begin(frameCount, prepared.Move);
        GenerationResult? keyframe = null;
        Task? keyframeWrite = null;
        TimeSpan keyframeTime = TimeSpan.Zero;
        TimeSpan framesTime = TimeSpan.Zero;

        async IAsyncEnumerable<RgbImage> Frames([EnumeratorCancellation] CancellationToken token = default)
        {
            await foreach (var frame in pipeline.RenderShotAsync(request, prepared.Move, frameCount,
                prepared.RefineStrength, CameraMotion.DefaultAmount, prepared.RefineEvery, shot.Keyframe, token))
            {
                if (frame.IsKeyframe)
                {
                    keyframe = frame.Result;
                    keyframeTime = clock.Elapsed;
                    capture?.AddKeyframe(frame.Image);
                    // The folder stayed empty through the keyframe, and the start-up sweep of another studio sharing
                    // this data folder removes empty folders.
                    Directory.CreateDirectory(workDirectory);
                    // The PNG (a few hundred milliseconds at 1280×720) is needed only when the take is committed: it is
                    // encoded beside the frames instead of holding up the first of them.
                    var image = frame.Image;
                    keyframeWrite = Task.Run(() => File.WriteAllBytesAsync(keyframePath, PngEncoder.Encode(image), token), token);
                    continue;
                }
                shot.FrameDone(frame.Index, frame.Image);
                yield return frame.Image;
            }
            framesTime = clock.Elapsed - keyframeTime;
            progress.Encoding();
        }

        // The encoder writes each frame to ffmpeg before it asks for the next, and ffmpeg reads no input while it
        // converts and hands on the frame before; fed directly, the pipeline would wait for ffmpeg at every frame. A
        // bounded buffer between them lets the two run side by side, holding at most a few frames.
        var format = new RawVideoFormat(width, height, prepared.FrameRate);
        var buffer = Channel.CreateBounded<RgbImage>(new BoundedChannelOptions(Math.Clamp(FrameBufferBytes / format.FrameSize, 2, 64))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var producing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? failure = null;
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var frame in Frames(producing.Token))
                {
                    await buffer.Writer.WriteAsync(frame, producing.Token);
                }
                buffer.Writer.Complete();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
                buffer.Writer.Complete(e);
            }
        }, CancellationToken.None);
        VideoEncodeResult encoded;
        try
        {
            encoded = await encoder.EncodeAsync(format, Captured(buffer.Reader.ReadAllAsync(cancellationToken), capture), clipPath,
                new RawVideoEncodeOptions
                {
                    Preset = settings.EncoderPreset,
                    JobName = string.Create(CultureInfo.InvariantCulture, $"render-job-{job.Id}"),
                    ExpectedFrameCount = frameCount,
                }, cancellationToken);
        }
        catch (Exception) when (failure is not null || cancellationToken.IsCancellationRequested)
        {
            // A cancel wins over whatever it made ffmpeg or the buffer report; otherwise the pipeline's own error (a
            // refused input, an ONNX Runtime failure) says more than the closed buffer.
            await producing.CancelAsync();
            await producer;
            cancellationToken.ThrowIfCancellationRequested();
            failure!.Throw();
            throw;
        }
        finally
        {
            await producing.CancelAsync();
            await producer;
            // Never left writing into a folder the worker is about to remove; its own failure is seen below.
            await (keyframeWrite ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await (keyframeWrite ?? throw new InvalidOperationException("The pipeline produced no keyframe."));
        var total = clock.Elapsed;
        var result = keyframe ?? throw new InvalidOperationException("The pipeline produced no keyframe.");
        var clipSha256 = await HashAsync(clipPath, cancellationToken);
        if (capture?.Finish() is { } captured)
        {
            scoringFrames!.Keep(clipSha256, captured);
        }
        return new RenderedTake(
            keyframePath, await HashAsync(keyframePath, cancellationToken), clipPath, clipSha256,
            encoded.SizeBytes, width, height, prepared.FrameRate, (int)encoded.FrameCount, result.Recipe, references, inputs,
            keyframeTime, framesTime, total - keyframeTime - framesTime, total);
    }

    private static async IAsyncEnumerable<RgbImage> Captured(IAsyncEnumerable<RgbImage> frames, Review.RenderedFrameCapture? capture)
    {
        await foreach (var frame in frames)
        {
            capture?.Add(frame);
            yield return frame;
        }
    }

    private async Task<(Storyboards.Project Project, List<TakeReference> References, Dictionary<int, RgbImage> Images, List<RgbImage> ReferenceImages)> LoadAsync(
        RenderJob job, RenderInputs inputs, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await context.Shots.AnyAsync(s => s.Id == job.ShotId, cancellationToken))
        {
            throw new RenderRefusedException("The shot was deleted before it rendered. Restore it (Undo on the storyboard) and generate it again.");
        }
        var project = await context.Projects.AsNoTracking().FirstAsync(p => p.Id == job.ProjectId, cancellationToken);

        var references = new List<TakeReference>();
        var images = new Dictionary<int, RgbImage>();
        var referenceImages = new List<RgbImage>();
        var missing = new List<string>();
        foreach (var placement in inputs.Placements)
        {
            // A placement made before the character had a locked set renders against the current one.
            var set = await context.ReferenceSets.AsNoTracking().Include(r => r.Images)
                .Where(r => r.CharacterId == placement.CharacterId && r.IsLocked)
                .Where(r => placement.ReferenceSetId == null || r.Id == placement.ReferenceSetId)
                .OrderByDescending(r => r.Number)
                .FirstOrDefaultAsync(cancellationToken);
            var ordered = set?.Images.OrderBy(i => i.Position).ToList() ?? [];
            if (set is null || ordered.Count == 0)
            {
                missing.Add(placement.Name);
                continue;
            }
            var ids = ordered.Select(i => i.Id).ToList();
            var pngs = await context.ReferenceImageContents.AsNoTracking().Where(c => ids.Contains(c.ReferenceImageId))
                .Select(c => new { c.ReferenceImageId, c.Png }).ToListAsync(cancellationToken);
            var decoded = ordered.Select(i => decoder.Decode(pngs.First(p => p.ReferenceImageId == i.Id).Png, i.DisplayName)).ToList();
            // The first image of the set is the character's primary view, drawn where the character is placed; every
            // image of the set conditions the pack through image tokens when it takes them.
            images[placement.CharacterId] = decoded[0];
            referenceImages.AddRange(decoded);
            var hashes = ordered.Select(i => i.Sha256).ToList();
            references.Add(new TakeReference(placement.CharacterId, placement.Name, set.Id, set.Number, hashes,
                PlacedImageSha256: hashes[0], TokenImageSha256: hashes));
        }

        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing);
            throw new RenderRefusedException(
                $"{names} {(missing.Count == 1 ? "has" : "have")} no locked reference set. Open Characters, add reference images to {names}, " +
                "lock the set, then generate the shot again.");
        }
        return (project, references, images, referenceImages);
    }

    private static SchedulerKind? ParseScheduler(string name)
    {
        var compact = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        if (compact.Length == 0)
        {
            return null;
        }
        return Enum.TryParse<SchedulerKind>(compact, ignoreCase: true, out var kind)
            ? kind
            : throw new RenderRefusedException(
                $"The shot's scheduler '{name}' is unknown. Use one of: {string.Join(", ", Enum.GetNames<SchedulerKind>().Select(n => n.ToLowerInvariant()))}.");
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Turns the pipeline's keyframe steps and the clip's frames into one step count for the job.</summary>
    private sealed class ShotProgress(RenderJobProgress job, int frameCount, int previewEveryFrames)
    {
        private int _keyframeSteps;

        public IProgress<GenerationProgress> Keyframe => new SynchronousProgress<GenerationProgress>(p =>
        {
            _keyframeSteps = p.TotalSteps;
            job.Report("keyframe", p.Step, p.TotalSteps + frameCount, p.Preview);
        });

        public void FrameDone(int index, RgbImage frame)
        {
            var preview = index % previewEveryFrames == 0 || index == frameCount
                ? ImageResampler.Resize(frame, Math.Min(frame.Width, 160), Math.Max(1, Math.Min(frame.Width, 160) * frame.Height / frame.Width))
                : null;
            job.Report("frames", _keyframeSteps + index, _keyframeSteps + frameCount, preview);
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
