using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Packs;

/// <summary>
/// A pack's optional CLIP-vision style image encoder: one image input [B,3,H,W] → one embedding [B,E]
/// (or token embeddings [B,T,D]). Used for drift scoring and, when the UNet accepts them, as image tokens.
/// </summary>
/// <param name="Path">Full path of <c>image_encoder/model.onnx</c>.</param>
/// <param name="InputName">The image input's name (e.g. <c>pixel_values</c>).</param>
/// <param name="InputType">Float or Float16.</param>
/// <param name="InputHeight">Fixed input height, or null when dynamic.</param>
/// <param name="InputWidth">Fixed input width, or null when dynamic.</param>
/// <param name="OutputName">The embedding output's name (e.g. <c>image_embeds</c>), used for drift scoring.</param>
/// <param name="EmbeddingSize">Elements per image in that output.</param>
/// <param name="TokensOutputName">The output fed to the UNet as image tokens: <c>image_tokens</c> [B,T,D] when the
/// encoder has it, otherwise the embedding cut into D-wide tokens.</param>
/// <param name="TokensPerImage">How many UNet tokens one image makes (0 when it cannot be used as tokens).</param>
public sealed record ImageEncoderModel(
    string Path,
    string InputName,
    TensorElementType InputType,
    int? InputHeight,
    int? InputWidth,
    string OutputName,
    int EmbeddingSize,
    string TokensOutputName,
    int TokensPerImage);
