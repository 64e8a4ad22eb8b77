using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Packs.Architectures;

/// <summary>
/// unet as Optimum exports UNet2DConditionModel: <c>sample</c> [batch, 4, height, width], <c>timestep</c>
/// [steps], <c>encoder_hidden_states</c> [batch, sequence, cross width] → <c>out_sample</c>. Sinusoidal
/// timestep embedding (cos first) and its two-layer SiLU MLP, conv_in, down blocks of ResNet blocks with
/// transformer blocks where the block has cross-attention, strided downsampling convs, the cross-attention mid
/// block, up blocks that concatenate the saved skips and upsample by nearest neighbour plus conv, then
/// GroupNorm, SiLU and conv_out.
/// </summary>
internal static class UNet2DConditionGraph
{
    private const float ResnetEpsilon = 1e-5f;
    private const float TransformerEpsilon = 1e-6f;

    public static byte[] Build(SdArchitectureConfig config, ExternalWeightFile? external)
    {
        var graph = new ArchitectureGraph("unet", $"UNet2DConditionModel ({config.Name}), seeded random weights.", config.Seed ^ 0x0E7UL, external, config.WeightType);
        var unet = new Builder(graph, config);
        OnnxModelBuilder model = graph.Model;
        model.AddInput("sample", config.WeightType, "batch_size", config.LatentChannels, "height", "width");
        model.AddInput("timestep", config.TimestepType, "steps");
        model.AddInput("encoder_hidden_states", config.WeightType, "batch_size", "sequence_length", config.TextHiddenSize);
        if (config.TimestepCondSize is int condSize)
        {
            model.AddInput("timestep_cond", config.WeightType, "batch_size", condSize);
        }

        string output = unet.Forward("sample", "timestep", "encoder_hidden_states");
        model.AddNode("Identity", [output], ["out_sample"]);
        model.AddOutput("out_sample", config.WeightType, "batch_size", config.LatentChannels, "height", "width");
        return model.ToBytes();
    }

    private sealed class Builder(ArchitectureGraph graph, SdArchitectureConfig config)
    {
        private string _context = string.Empty;
        private string _timeEmbedding = string.Empty;

        public string Forward(string sample, string timestep, string context)
        {
            _context = context;
            _timeEmbedding = TimeEmbedding(timestep);
            IReadOnlyList<int> channels = config.UnetBlockOutChannels;
            int blocks = channels.Count;
            string x = graph.Conv("conv_in", sample, config.LatentChannels, channels[0], 3);
            var skips = new Stack<(string Value, int Channels)>();
            skips.Push((x, channels[0]));

            int current = channels[0];
            for (int block = 0; block < blocks; block++)
            {
                int outChannels = channels[block];
                for (int layer = 0; layer < config.UnetLayersPerBlock; layer++)
                {
                    x = Resnet($"down_blocks.{block}.resnets.{layer}", x, current, outChannels);
                    current = outChannels;
                    if (config.UnetCrossAttention[block])
                    {
                        x = Transformer($"down_blocks.{block}.attentions.{layer}", x, current);
                    }

                    skips.Push((x, current));
                }

                if (block < blocks - 1)
                {
                    x = graph.Conv($"down_blocks.{block}.downsamplers.0.conv", x, current, current, 3, stride: 2);
                    skips.Push((x, current));
                }
            }

            x = Resnet("mid_block.resnets.0", x, current, current);
            x = Transformer("mid_block.attentions.0", x, current);
            x = Resnet("mid_block.resnets.1", x, current, current);

            for (int up = 0; up < blocks; up++)
            {
                int down = blocks - 1 - up;
                int outChannels = channels[down];
                for (int layer = 0; layer <= config.UnetLayersPerBlock; layer++)
                {
                    (string skip, int skipChannels) = skips.Pop();
                    x = graph.Op("Concat", [x, skip], OnnxAttribute.Int("axis", 1));
                    x = Resnet($"up_blocks.{up}.resnets.{layer}", x, current + skipChannels, outChannels);
                    current = outChannels;
                    if (config.UnetCrossAttention[down])
                    {
                        x = Transformer($"up_blocks.{up}.attentions.{layer}", x, current);
                    }
                }

                if (up < blocks - 1)
                {
                    x = Upsample($"up_blocks.{up}.upsamplers.0.conv", x, current);
                }
            }

            x = graph.Silu(graph.GroupNorm("conv_norm_out", x, current, config.NormGroups, ResnetEpsilon));
            return graph.Conv("conv_out", x, current, config.LatentChannels, 3);
        }

        private string TimeEmbedding(string timestep)
        {
            int width = config.UnetBlockOutChannels[0];
            int half = width / 2;
            var frequencies = new float[half];
            for (int i = 0; i < half; i++)
            {
                frequencies[i] = (float)Math.Exp(-Math.Log(10000.0) * i / half);
            }

            string t = graph.Op("Cast", [timestep], OnnxAttribute.Int("to", (long)config.WeightType));
            string column = graph.Op("Unsqueeze", t, graph.Ints("time_axis", 1));
            string angles = graph.Op("Mul", column, graph.Floats("time_proj.frequencies", [1, half], frequencies));
            string projected = graph.Op("Concat", [graph.Op("Cos", angles), graph.Op("Sin", angles)], OnnxAttribute.Int("axis", -1));
            if (config.TimestepCondSize is int condSize)
            {
                projected = graph.Op("Add", projected, graph.Linear("time_embedding.cond_proj", "timestep_cond", condSize, width, bias: false));
            }

            int embed = config.TimeEmbedWidth;
            string hidden = graph.Silu(graph.Linear("time_embedding.linear_1", projected, width, embed));
            return graph.Linear("time_embedding.linear_2", hidden, embed, embed);
        }

        private string Resnet(string name, string x, int inChannels, int outChannels)
        {
            string h = graph.Silu(graph.GroupNorm(name + ".norm1", x, inChannels, config.NormGroups, ResnetEpsilon));
            h = graph.Conv(name + ".conv1", h, inChannels, outChannels, 3);
            string time = graph.Linear(name + ".time_emb_proj", graph.Silu(_timeEmbedding), config.TimeEmbedWidth, outChannels);
            h = graph.Op("Add", h, graph.Op("Unsqueeze", time, graph.Ints(graph.Model.NewName("spatial_axes"), 2, 3)));
            h = graph.Silu(graph.GroupNorm(name + ".norm2", h, outChannels, config.NormGroups, ResnetEpsilon));
            h = graph.Conv(name + ".conv2", h, outChannels, outChannels, 3);
            string shortcut = inChannels == outChannels ? x : graph.Conv(name + ".conv_shortcut", x, inChannels, outChannels, 1);
            return graph.Op("Add", shortcut, h);
        }

        private string Transformer(string name, string x, int channels)
        {
            int heads = config.UnetAttentionHeads;
            string normed = graph.GroupNorm(name + ".norm", x, channels, config.NormGroups, TransformerEpsilon);
            string projected = graph.Conv(name + ".proj_in", normed, channels, channels, 1);
            string flat = graph.Op("Reshape", projected, graph.Ints(graph.Model.NewName("flatten"), 0, channels, -1));
            string tokens = graph.Op("Transpose", [flat], OnnxAttribute.Ints("perm", 0, 2, 1));

            string block = name + ".transformer_blocks.0";
            string self = graph.LayerNorm(block + ".norm1", tokens, channels, TransformerEpsilon);
            tokens = graph.Op("Add", tokens, graph.Attention(block + ".attn1", self, self, channels, channels, heads, qkvBias: false));
            string cross = graph.LayerNorm(block + ".norm2", tokens, channels, TransformerEpsilon);
            tokens = graph.Op("Add", tokens, graph.Attention(block + ".attn2", cross, _context, channels, config.TextHiddenSize, heads, qkvBias: false));
            string ff = graph.LayerNorm(block + ".norm3", tokens, channels, TransformerEpsilon);
            tokens = graph.Op("Add", tokens, FeedForward(block + ".ff", ff, channels));

            string back = graph.Op("Transpose", [tokens], OnnxAttribute.Ints("perm", 0, 2, 1));
            string spatial = graph.Op("Reshape", back, graph.Op("Shape", x));
            return graph.Op("Add", x, graph.Conv(name + ".proj_out", spatial, channels, channels, 1));
        }

        private string FeedForward(string name, string x, int channels)
        {
            int inner = channels * 4;
            string both = graph.Linear(name + ".net.0.proj", x, channels, inner * 2);
            string axis = graph.Ints(graph.Model.NewName("last_axis"), -1);
            string value = graph.Op("Slice", both, graph.Ints(graph.Model.NewName("geglu_start"), 0), graph.Ints(graph.Model.NewName("geglu_mid"), inner), axis);
            string gate = graph.Op("Slice", both, graph.Ints(graph.Model.NewName("geglu_mid"), inner), graph.Ints(graph.Model.NewName("geglu_end"), inner * 2), axis);
            return graph.Linear(name + ".net.2", graph.Op("Mul", value, graph.Gelu(gate)), inner, channels);
        }

        private string Upsample(string name, string x, int channels)
        {
            string scales = graph.UpsampleScales();
            string resized = graph.Op("Resize", [x, string.Empty, scales], OnnxAttribute.String("mode", "nearest"));
            return graph.Conv(name, resized, channels, channels, 3);
        }
    }
}
