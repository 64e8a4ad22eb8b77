using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Packs.Architectures;

/// <summary>
/// text_encoder as Optimum exports CLIPTextModel: <c>input_ids</c> int32 or int64 [batch, sequence] →
/// <c>last_hidden_state</c> [batch, sequence, hidden] and <c>pooler_output</c> [batch, hidden]. Token plus
/// position embeddings, pre-LayerNorm transformer layers with causal self-attention and a quick_gelu MLP, a
/// final LayerNorm; the pooled output is the hidden state at the end-of-text token (the largest id).
/// </summary>
internal static class ClipTextEncoderGraph
{
    public const int MaxPositions = 77;

    public static byte[] Build(SdArchitectureConfig config, int vocabularySize, ExternalWeightFile? external)
    {
        int width = config.TextHiddenSize;
        var graph = new ArchitectureGraph("clip_text_model", $"CLIP text transformer ({config.Name}), seeded random weights.", config.Seed ^ 0x7E47UL, external, config.WeightType);
        OnnxModelBuilder model = graph.Model;
        model.AddInput("input_ids", config.InputIdsType, "batch_size", "sequence_length");

        string sequence = graph.Op("Slice", graph.Op("Shape", "input_ids"), graph.Ints("seq_start", 1), graph.Ints("seq_end", 2));
        string table = graph.Random("embeddings.token_embedding.weight", [vocabularySize, width], 0.02);
        string tokens = graph.Op("Gather", [table, "input_ids"], OnnxAttribute.Int("axis", 0));
        string positions = graph.Op("Slice", graph.Random("embeddings.position_embedding.weight", [MaxPositions, width], 0.01),
            graph.Ints("pos_start", 0), sequence, graph.Ints("pos_axis", 0));
        string hidden = graph.Op("Add", tokens, positions);

        var mask = new float[MaxPositions * MaxPositions];
        for (int row = 0; row < MaxPositions; row++)
        {
            for (int column = row + 1; column < MaxPositions; column++)
            {
                mask[(row * MaxPositions) + column] = -1e4f;
            }
        }

        string causal = graph.Op("Slice",
            graph.Floats("causal_mask", [MaxPositions, MaxPositions], mask),
            graph.Ints("mask_start", 0, 0),
            graph.Op("Concat", [sequence, sequence], OnnxAttribute.Int("axis", 0)),
            graph.Ints("mask_axes", 0, 1));

        for (int layer = 0; layer < config.TextLayers; layer++)
        {
            string prefix = $"encoder.layers.{layer}";
            string normed = graph.LayerNorm(prefix + ".layer_norm1", hidden, width);
            string attended = graph.Attention(prefix + ".self_attn", normed, normed, width, width, config.TextHeads, qkvBias: true, causal);
            hidden = graph.Op("Add", hidden, attended);
            string mlpIn = graph.LayerNorm(prefix + ".layer_norm2", hidden, width);
            string inner = graph.QuickGelu(graph.Linear(prefix + ".mlp.fc1", mlpIn, width, config.TextIntermediateSize));
            hidden = graph.Op("Add", hidden, graph.Linear(prefix + ".mlp.fc2", inner, config.TextIntermediateSize, width));
        }

        string final = graph.LayerNorm("final_layer_norm", hidden, width);
        model.AddNode("Identity", [final], ["last_hidden_state"]);

        string idsAsFloat = graph.Op("Cast", ["input_ids"], OnnxAttribute.Int("to", (long)OnnxElementType.Float));
        string eos = graph.Op("ArgMax", [idsAsFloat], OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("keepdims", 1));
        model.AddNode("GatherND", [final, eos], ["pooler_output"], OnnxAttribute.Int("batch_dims", 1));

        model.AddOutput("last_hidden_state", config.WeightType, "batch_size", "sequence_length", width);
        model.AddOutput("pooler_output", config.WeightType, "batch_size", width);
        return model.ToBytes();
    }
}
