using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Packs;

/// <summary>A pack's text encoder: <c>input_ids</c> [B, SequenceLength] → <c>last_hidden_state</c> [B, SequenceLength, HiddenSize].</summary>
/// <param name="Path">Full path of <c>text_encoder/model.onnx</c>.</param>
/// <param name="InputIdsType">Int32 (legacy exports) or Int64 (newer Optimum).</param>
/// <param name="SequenceLength">Tokens per prompt (77 for CLIP).</param>
/// <param name="HiddenSize">Width of each token embedding: 768 for SD 1.x, 1024 for SD 2.x.</param>
/// <param name="OutputType">Float or Float16.</param>
public sealed record TextEncoderModel(string Path, TensorElementType InputIdsType, int SequenceLength, int HiddenSize, TensorElementType OutputType)
{
    /// <summary>The input name every supported export uses.</summary>
    public const string InputIdsName = "input_ids";

    /// <summary>The output name every supported export uses.</summary>
    public const string HiddenStateName = "last_hidden_state";
}
