using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>Turns an image into a fixed-length embedding whose cosine similarity tracks visual similarity (a
/// CLIP-vision style encoder). Implementations must be safe to call from several threads.</summary>
public interface IImageEmbedder
{
    /// <summary>The embedding of <paramref name="image"/> (any size; the embedder prepares it).</summary>
    float[] Embed(RgbImage image, CancellationToken cancellationToken = default);

    /// <summary>The embeddings of <paramref name="images"/>, in order. An embedder over a model with a batch
    /// dimension runs them together; the default embeds them one by one.</summary>
    IReadOnlyList<float[]> EmbedAll(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var embeddings = new float[images.Count][];
        for (int i = 0; i < embeddings.Length; i++)
        {
            embeddings[i] = Embed(images[i], cancellationToken);
        }

        return embeddings;
    }

    /// <summary>The side of the square the embedder resizes every image's shorter side to; callers cutting regions
    /// out of large images need not hand it more pixels than that.</summary>
    int InputSide => ClipImageInput.DefaultSize;
}
