using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Consistency;

/// <summary>Turns an image into a fixed-length embedding whose cosine similarity tracks visual similarity (a
/// CLIP-vision style encoder). Implementations must be safe to call from several threads.</summary>
public interface IImageEmbedder
{
    /// <summary>The embedding of <paramref name="image"/> (any size; the embedder prepares it).</summary>
    float[] Embed(RgbImage image, CancellationToken cancellationToken = default);

    /// <summary>The side of the square the embedder resizes every image's shorter side to; callers cutting regions
    /// out of large images need not hand it more pixels than that.</summary>
    int InputSide => ClipImageInput.DefaultSize;
}
