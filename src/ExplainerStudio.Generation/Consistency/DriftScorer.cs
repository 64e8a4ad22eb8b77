using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Scores a character's drift in a take against its locked reference set (<see cref="DriftScore"/>). In every given
/// frame the character's region is found from its placement and the camera move (<see cref="CharacterRegion"/>),
/// cut out, and compared with the same part of every reference; the best-matching reference gives the frame's
/// signals. Colour and structure are computed here on a small analysis grid; embeddings come from an optional
/// <see cref="IImageEmbedder"/>. Instances cache per-reference work and are safe to share between threads.
/// </summary>
public sealed class DriftScorer
{
    /// <summary>The long side, in pixels, of the grid regions are resampled to for colour and structure.</summary>
    public const int AnalysisSide = 48;

    private readonly IImageEmbedder? _embedder;
    private readonly Lazy<float[]>? _embeddingCentre;
    private readonly ConditionalWeakTable<RgbImage, ReferenceCache> _references = new();

    /// <summary>Creates a scorer; with an <paramref name="embedder"/> the embedding signal is added.</summary>
    public DriftScorer(IImageEmbedder? embedder = null)
    {
        _embedder = embedder;
        if (embedder is not null)
        {
            _embeddingCentre = new Lazy<float[]>(() => EmbeddingProbes.Centre(embedder), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>True when the embedding signal is computed.</summary>
    public bool HasEmbeddings => _embedder is not null;

    /// <summary>Up to <paramref name="samples"/> frame indices spread evenly over 1..<paramref name="frameCount"/>
    /// (always including the last), to score beside the keyframe.</summary>
    public static IReadOnlyList<int> SampleFrameIndices(int frameCount, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        int count = Math.Min(frameCount, samples);
        var indices = new SortedSet<int>();
        for (int k = 1; k <= count; k++)
        {
            indices.Add((int)Math.Round(k * frameCount / (double)count, MidpointRounding.AwayFromZero));
        }

        return indices.ToList();
    }

    /// <summary>
    /// Scores the character placed by <paramref name="placement"/> in <paramref name="frames"/> (the keyframe and
    /// sampled frames) against <paramref name="references"/>, the locked set the take used.
    /// </summary>
    /// <exception cref="ConsistencyException">No frames or references were given, the frames differ in size, or the
    /// character is outside every frame.</exception>
    public DriftScore Score(
        IReadOnlyList<TakeFrame> frames,
        LayoutPlacement placement,
        IReadOnlyList<RgbImage> references,
        double edgeFeather = LayoutImage.DefaultEdgeFeather,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(references);
        if (frames.Count == 0)
        {
            throw new ConsistencyException("A drift score needs the take's keyframe or at least one of its frames.");
        }

        if (references.Count == 0)
        {
            throw new ConsistencyException("A drift score needs the character's locked reference images; the set given is empty.");
        }

        RgbImage first = frames[0].Image;
        if (frames.Any(f => f.Image.Width != first.Width || f.Image.Height != first.Height))
        {
            throw new ConsistencyException(string.Create(
                CultureInfo.InvariantCulture,
                $"Every frame of a take must be {first.Width}×{first.Height} like its first; resize them to the take's size before scoring."));
        }

        var scored = new List<FrameDrift>(frames.Count);
        foreach (TakeFrame frame in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TrackedRegion? region = CharacterRegion.InFrame(frame, placement, edgeFeather);
            if (region is null)
            {
                continue;
            }

            scored.Add(ScoreFrame(frame, region, references, cancellationToken));
        }

        if (scored.Count == 0)
        {
            throw new ConsistencyException(string.Create(
                CultureInfo.InvariantCulture,
                $"The character placed at ({placement.CenterX:0.##}, {placement.CenterY:0.##}) with scale {placement.Scale:0.##} is not visible in any frame given; move it into the frame or leave it out of the score."));
        }

        FrameDrift worst = scored.MaxBy(f => f.Score)!;
        var peak = new DriftSignals(
            scored.Max(f => f.Signals.Colour),
            scored.Max(f => f.Signals.Structure),
            HasEmbeddings ? scored.Max(f => f.Signals.Embedding ?? 0) : null);
        return new DriftScore(
            ConsistencyMethod.Version,
            worst.Score,
            worst.FrameIndex,
            worst.ReferenceIndex,
            worst.Signals,
            peak,
            scored.Average(f => f.Score),
            scored);
    }

    private FrameDrift ScoreFrame(TakeFrame frame, TrackedRegion region, IReadOnlyList<RgbImage> references, CancellationToken cancellationToken)
    {
        (int width, int height) = GridSize(region.Crop);
        RgbImage crop = ImageResampler.Resample(frame.Image, region.Crop, width, height);
        LabImage cropLab = LabImage.From(crop);
        float[]? cropEmbedding = _embedder is null ? null : Centred(_embedder.Embed(NativeCrop(frame.Image, region.Crop), cancellationToken));

        FrameDrift? best = null;
        for (int r = 0; r < references.Count; r++)
        {
            RgbImage reference = references[r] ?? throw new ConsistencyException("A reference image of the set is missing.");
            ReferenceCache cache = _references.GetValue(reference, image => new ReferenceCache(SubjectMask.Estimate(image)));
            CropWindow window = InPixels(region.ReferenceFraction, reference);
            ReferencePatch patch = ReferenceCache.Get(
                cache.Patches,
                (Key(region.ReferenceFraction), width, height),
                () => ReferencePatch.Create(LabImage.From(ImageResampler.Resample(reference, window, width, height)), cache.Mask));
            LabImage normalisedCrop = cropLab.Normalised(patch.Weights);

            double colour = ColourHistogram.Distance(ColourHistogram.Build(normalisedCrop, patch.Weights), patch.Histogram);
            double structure = Math.Clamp(1 - LumaSsim.Compute(normalisedCrop.Halved(), patch.Coarse, patch.CoarseWeights), 0, 1);
            double? embedding = null;
            if (cropEmbedding is not null)
            {
                float[] referenceEmbedding = ReferenceCache.Get(
                    cache.Embeddings,
                    Key(region.ReferenceFraction),
                    () => Centred(_embedder!.Embed(NativeCrop(reference, window), cancellationToken)));
                embedding = Math.Clamp(1 - Cosine(cropEmbedding, referenceEmbedding), 0, 1);
            }

            var candidate = new FrameDrift(frame.Index, region, r, new DriftSignals(colour, structure, embedding));
            if (best is null || candidate.Score < best.Score)
            {
                best = candidate;
            }
        }

        return best!;
    }

    private static (int Width, int Height) GridSize(CropWindow crop)
    {
        double aspect = crop.Width / crop.Height;
        return aspect >= 1
            ? (AnalysisSide, Math.Max(8, (int)Math.Round(AnalysisSide / aspect)))
            : (Math.Max(8, (int)Math.Round(AnalysisSide * aspect)), AnalysisSide);
    }

    private static CropWindow InPixels(CropWindow fraction, RgbImage image) =>
        new(fraction.X * image.Width, fraction.Y * image.Height, fraction.Width * image.Width, fraction.Height * image.Height);

    // The region at its own resolution (at least 1 pixel), so the encoder's preprocessing sees what a viewer sees; a
    // region larger than the encoder's input is cut straight to the size the encoder would shrink it to (its shorter
    // side to the input side), so a 1024-pixel reference is resampled once, not copied at full size and then shrunk.
    private RgbImage NativeCrop(RgbImage image, CropWindow window)
    {
        double scale = Math.Min(1, _embedder!.InputSide / Math.Max(1, Math.Min(window.Width, window.Height)));
        return ImageResampler.Resample(
            image,
            window,
            Math.Clamp((int)Math.Round(window.Width * scale), 1, RgbImage.MaxDimension),
            Math.Clamp((int)Math.Round(window.Height * scale), 1, RgbImage.MaxDimension));
    }

    private static (int, int, int, int) Key(CropWindow fraction) =>
        ((int)Math.Round(fraction.X * 1000), (int)Math.Round(fraction.Y * 1000), (int)Math.Round(fraction.Width * 1000), (int)Math.Round(fraction.Height * 1000));

    private float[] Centred(float[] embedding)
    {
        float[] centre = _embeddingCentre!.Value;
        if (centre.Length != embedding.Length)
        {
            throw new ConsistencyException(string.Create(
                CultureInfo.InvariantCulture,
                $"The image encoder returned {embedding.Length} values for one image but {centre.Length} for another; it must return a fixed-length embedding."));
        }

        var result = new float[embedding.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = embedding[i] - centre[i];
        }

        return result;
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : (na == nb ? 1 : 0);
    }

    // Most regions show the same part of a reference in every frame; one partly outside a moving frame shows a new
    // part each time, so each cache is emptied past a bound instead of growing with the clip.
    private sealed class ReferenceCache(SubjectMask mask)
    {
        private const int MaxEntries = 256;

        public SubjectMask Mask { get; } = mask;

        public ConcurrentDictionary<((int, int, int, int) Fraction, int Width, int Height), ReferencePatch> Patches { get; } = new();

        public ConcurrentDictionary<(int, int, int, int), float[]> Embeddings { get; } = new();

        public static TValue Get<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, Func<TValue> create)
            where TKey : notnull
        {
            if (cache.TryGetValue(key, out TValue? found))
            {
                return found;
            }

            if (cache.Count >= MaxEntries)
            {
                cache.Clear();
            }

            return cache.GetOrAdd(key, _ => create());
        }
    }
}
