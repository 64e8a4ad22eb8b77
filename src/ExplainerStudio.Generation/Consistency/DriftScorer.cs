using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
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
    // References whose cached work is kept by content; a set has a handful, a project a few dozen.
    private const int MaxReferences = 64;

    private readonly ConditionalWeakTable<RgbImage, ReferenceCache> _references = new();
    private readonly ConcurrentDictionary<string, ReferenceCache> _byContent = new(StringComparer.Ordinal);

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

        var regions = new List<(TakeFrame Frame, TrackedRegion Region)>(frames.Count);
        foreach (TakeFrame frame in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (CharacterRegion.InFrame(frame, placement, edgeFeather) is { } region)
            {
                regions.Add((frame, region));
            }
        }

        if (regions.Count == 0)
        {
            throw new ConsistencyException(string.Create(
                CultureInfo.InvariantCulture,
                $"The character placed at ({placement.CenterX:0.##}, {placement.CenterY:0.##}) with scale {placement.Scale:0.##} is not visible in any frame given; move it into the frame or leave it out of the score."));
        }

        var caches = new ReferenceCache[references.Count];
        for (int r = 0; r < caches.Length; r++)
        {
            caches[r] = CacheFor(references[r] ?? throw new ConsistencyException("A reference image of the set is missing."));
        }

        (float[][] Crops, Dictionary<(int, (int, int, int, int)), float[]> References)? embeddings =
            _embedder is null ? null : Embed(regions, references, caches, cancellationToken);
        var scored = new List<FrameDrift>(regions.Count);
        for (int i = 0; i < regions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scored.Add(ScoreFrame(regions[i].Frame, regions[i].Region, references, caches, embeddings?.Crops[i], embeddings?.References));
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

    private FrameDrift ScoreFrame(
        TakeFrame frame,
        TrackedRegion region,
        IReadOnlyList<RgbImage> references,
        ReferenceCache[] caches,
        float[]? cropEmbedding,
        Dictionary<(int, (int, int, int, int)), float[]>? referenceEmbeddings)
    {
        (int width, int height) = GridSize(region.Crop);
        RgbImage crop = ImageResampler.Resample(frame.Image, region.Crop, width, height);
        LabImage cropLab = LabImage.From(crop);
        (int, int, int, int) fraction = Key(region.ReferenceFraction);

        FrameDrift? best = null;
        for (int r = 0; r < references.Count; r++)
        {
            RgbImage reference = references[r];
            ReferenceCache cache = caches[r];
            CropWindow window = InPixels(region.ReferenceFraction, reference);
            ReferencePatch patch = ReferenceCache.Get(
                cache.Patches,
                (fraction, width, height),
                () => ReferencePatch.Create(LabImage.From(ImageResampler.Resample(reference, window, width, height)), cache.Mask),
                ReferenceCache.MaxEntries);
            LabImage normalisedCrop = cropLab.Normalised(patch.Weights);

            double colour = ColourHistogram.Distance(ColourHistogram.Build(normalisedCrop, patch.Weights), patch.Histogram);
            double structure = Math.Clamp(1 - LumaSsim.Compute(normalisedCrop.Halved(), patch.Coarse, patch.CoarseWeights), 0, 1);
            double? embedding = cropEmbedding is null
                ? null
                : Math.Clamp(1 - Cosine(cropEmbedding, referenceEmbeddings![(r, fraction)]), 0, 1);

            var candidate = new FrameDrift(frame.Index, region, r, new DriftSignals(colour, structure, embedding));
            if (best is null || candidate.Score < best.Score)
            {
                best = candidate;
            }
        }

        return best!;
    }

    // Every frame's region and every part of a reference not embedded before go through the encoder in one batch:
    // the references of a set do not change between its takes, so after a set's first take only the crops are new.
    private (float[][] Crops, Dictionary<(int, (int, int, int, int)), float[]> References) Embed(
        List<(TakeFrame Frame, TrackedRegion Region)> regions,
        IReadOnlyList<RgbImage> references,
        ReferenceCache[] caches,
        CancellationToken cancellationToken)
    {
        var images = new List<RgbImage>(regions.Count + references.Count);
        foreach ((TakeFrame frame, TrackedRegion region) in regions)
        {
            images.Add(NativeCrop(frame.Image, region.Crop));
        }

        var known = new Dictionary<(int, (int, int, int, int)), float[]>();
        var missing = new List<(int Reference, (int, int, int, int) Fraction)>();
        foreach ((_, TrackedRegion region) in regions)
        {
            (int, int, int, int) fraction = Key(region.ReferenceFraction);
            for (int r = 0; r < references.Count; r++)
            {
                if (known.ContainsKey((r, fraction)) || missing.Contains((r, fraction)))
                {
                    continue;
                }

                if (caches[r].Embeddings.TryGetValue(fraction, out float[]? cached))
                {
                    known[(r, fraction)] = cached;
                    continue;
                }

                missing.Add((r, fraction));
                images.Add(NativeCrop(references[r], InPixels(region.ReferenceFraction, references[r])));
            }
        }

        IReadOnlyList<float[]> embedded = _embedder!.EmbedAll(images, cancellationToken);
        if (embedded.Count != images.Count)
        {
            throw new ConsistencyException(string.Create(
                CultureInfo.InvariantCulture,
                $"The image encoder returned {embedded.Count} embeddings for {images.Count} images; it must return one per image."));
        }

        var crops = new float[regions.Count][];
        for (int i = 0; i < crops.Length; i++)
        {
            crops[i] = Centred(embedded[i]);
        }

        for (int j = 0; j < missing.Count; j++)
        {
            float[] reference = Centred(embedded[regions.Count + j]);
            known[missing[j]] = reference;
            ReferenceCache.Get(caches[missing[j].Reference].Embeddings, missing[j].Fraction, () => reference, ReferenceCache.MaxEntries);
        }

        return (crops, known);
    }

    // Keyed by the picture, not the instance only: a reference decoded again (another take of the same set after the
    // caller's own cache let it go) finds the backdrop mask, patches and embeddings made for the earlier copy.
    private ReferenceCache CacheFor(RgbImage reference) =>
        _references.GetValue(reference, image => ReferenceCache.Get(
            _byContent,
            ContentKey(image),
            () => new ReferenceCache(SubjectMask.Estimate(image)),
            MaxReferences));

    private static string ContentKey(RgbImage image) => string.Create(
        CultureInfo.InvariantCulture,
        $"{image.Width}x{image.Height}:{Convert.ToHexString(SHA256.HashData(image.Pixels))}");

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
        public const int MaxEntries = 256;

        public SubjectMask Mask { get; } = mask;

        public ConcurrentDictionary<((int, int, int, int) Fraction, int Width, int Height), ReferencePatch> Patches { get; } = new();

        public ConcurrentDictionary<(int, int, int, int), float[]> Embeddings { get; } = new();

        public static TValue Get<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, Func<TValue> create, int limit)
            where TKey : notnull
        {
            if (cache.TryGetValue(key, out TValue? found))
            {
                return found;
            }

            if (cache.Count >= limit)
            {
                cache.Clear();
            }

            return cache.GetOrAdd(key, _ => create());
        }
    }
}
