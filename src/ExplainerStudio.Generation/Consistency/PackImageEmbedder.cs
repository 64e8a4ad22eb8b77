using ExplainerStudio.Generation.Imaging;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>
/// Embeds images with a model pack's <c>image_encoder</c>: CLIP preprocessing (<see cref="ClipImageInput"/>), one
/// run, and the embedding output (<see cref="ImageEncoderModel.OutputName"/>), the same encoder and preparation the
/// pipeline uses for reference conditioning.
/// </summary>
public sealed class PackImageEmbedder : IImageEmbedder
{
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

    /// <inheritdoc />
    public float[] Embed(RgbImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        int size = InputSide;
        DenseTensor pixels = TensorConversion.CreateFloating(_encoder.InputType, 1, 3, size, size);
        if (pixels is DenseTensor<float> singles)
        {
            // Straight into the input: scoring embeds every sampled frame, and a second 600 kB copy per call adds up.
            ClipImageInput.Fill(image, singles.Span, size);
        }
        else
        {
            TensorConversion.Write(ClipImageInput.Create(image, size), pixels);
        }

        ModelSession session = _runtime.GetSession(_encoder.Path);
        DenseTensor embedding = session.Run(
            new Dictionary<string, DenseTensor> { [_encoder.InputName] = pixels },
            [_encoder.OutputName],
            cancellationToken)[_encoder.OutputName];
        return TensorConversion.ToArray(embedding);
    }
}
