using System.Buffers;
using System.Globalization;
using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Embeds images with a model pack's <c>image_encoder</c>: CLIP preprocessing (<see cref="ClipImageInput"/>), one
/// run, and the embedding output (<see cref="ImageEncoderModel.OutputName"/>), the same encoder and preparation the
/// pipeline uses for reference conditioning. Several images go through one run when the encoder's batch dimension is
/// dynamic (in chunks of that size when it is fixed), over a pooled input buffer.
/// </summary>
public sealed class PackImageEmbedder : IImageEmbedder
{
    /// <summary>The most images one run takes when the encoder's batch dimension is dynamic.</summary>
    public const int MaxBatch = 16;

    private readonly OnnxRuntime _runtime;
    private readonly ImageEncoderModel _encoder;

    /// <summary>Creates an embedder over <paramref name="pack"/>'s image encoder; sessions come from
    /// <paramref name="runtime"/>'s cache.</summary>
    /// <exception cref="ConsistencyException">The pack has no image encoder.</exception>
    public PackImageEmbedder(OnnxRuntime runtime, ModelPack pack)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(pack);
        _runtime = runtime;
        _encoder = pack.ImageEncoder
            ?? throw new ConsistencyException($"Model pack '{pack.Id}' has no image_encoder/model.onnx, so drift is scored without embeddings; add one to the pack to score with them.");
    }

    /// <summary>Null when the pack has no image encoder (score colour and structure only).</summary>
    public static PackImageEmbedder? For(OnnxRuntime runtime, ModelPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return pack.ImageEncoder is null ? null : new PackImageEmbedder(runtime, pack);
    }

    /// <inheritdoc />
    public int InputSide => _encoder.InputHeight ?? _encoder.InputWidth ?? ClipImageInput.DefaultSize;

    /// <summary>How many images one run of the encoder takes: <see cref="MaxBatch"/> when its batch dimension is
    /// dynamic, otherwise the fixed size (1 for most exported encoders).</summary>
    public int BatchSize => FixedBatch(_runtime.GetSession(_encoder.Path)) ?? MaxBatch;

    /// <inheritdoc />
    public float[] Embed(RgbImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return EmbedAll([image], cancellationToken)[0];
    }

    /// <inheritdoc />
    public IReadOnlyList<float[]> EmbedAll(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        for (int i = 0; i < images.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(images[i], nameof(images));
        }

        ModelSession session = _runtime.GetSession(_encoder.Path);
        int? fixedBatch = FixedBatch(session);
        int chunk = fixedBatch ?? MaxBatch;
        var embeddings = new float[images.Count][];
        for (int start = 0; start < images.Count; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(chunk, images.Count - start);
            Run(session, images, start, count, fixedBatch ?? count, embeddings, cancellationToken);
        }

        return embeddings;
    }

    // A fixed batch larger than the images left is filled with zeros, whose embeddings are dropped.
    private void Run(ModelSession session, IReadOnlyList<RgbImage> images, int start, int count, int batch, float[][] embeddings, CancellationToken cancellationToken)
    {
        int size = InputSide;
        int perImage = 3 * size * size;
        int length = batch * perImage;
        // Pooled: one 224-pixel input is 600 kB, so a new array per run would land on the large-object heap every time.
        float[] buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            Span<float> values = buffer.AsSpan(0, length);
            for (int i = 0; i < count; i++)
            {
                ClipImageInput.Fill(images[start + i], values.Slice(i * perImage, perImage), size);
            }

            values[(count * perImage)..].Clear();
            DenseTensor pixels;
            if (_encoder.InputType == TensorElementType.Float)
            {
                pixels = new DenseTensor<float>(buffer.AsMemory(0, length), batch, 3, size, size);
            }
            else
            {
                pixels = TensorConversion.CreateFloating(_encoder.InputType, batch, 3, size, size);
                TensorConversion.Write(values, pixels);
            }

            DenseTensor output = session.Run(
                new Dictionary<string, DenseTensor> { [_encoder.InputName] = pixels },
                [_encoder.OutputName],
                cancellationToken)[_encoder.OutputName];
            float[] all = TensorConversion.ToArray(output);
            if (output.Shape.Count == 0 || output.Shape[0] != batch || all.Length % batch != 0)
            {
                throw new ConsistencyException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The image encoder '{_encoder.Path}' returned '{_encoder.OutputName}' of shape {DenseTensor.FormatShape(output.Shape)} for {batch} images; its first dimension must be the batch."));
            }

            int width = all.Length / batch;
            for (int i = 0; i < count; i++)
            {
                embeddings[start + i] = all.AsSpan(i * width, width).ToArray();
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private int? FixedBatch(ModelSession session)
    {
        long batch = session.GetInput(_encoder.InputName).Shape[0];
        return batch > 0 ? checked((int)batch) : null;
    }
}
