using ExplainerStudio.Generation.OnnxFormat;

namespace ExplainerStudio.Generation.Packs.Architectures;

/// <summary>
/// vae_encoder and vae_decoder as Optimum exports AutoencoderKL's halves. The encoder (<c>sample</c>
/// [batch, 3, H, W] → <c>latent_parameters</c> [batch, 2·latent, H/f, W/f], mean then log-variance after
/// quant_conv) and the decoder (<c>latent_sample</c> → <c>sample</c>, post_quant_conv first) are ResNet blocks
/// without time embedding, a single-head attention in the mid block, and asymmetric-padded strided convs down or
/// nearest-neighbour plus conv up.
/// </summary>
internal static class AutoencoderKlGraph
{
    private const float Epsilon = 1e-6f;

    public static byte[] BuildEncoder(SdArchitectureConfig config, ExternalWeightFile? external)
    {
        var graph = new ArchitectureGraph("vae_encoder", $"AutoencoderKL encoder ({config.Name}), seeded random weights.", config.Seed ^ 0xE2CUL, external, config.WeightType);
        var vae = new Builder(graph, config);
        OnnxModelBuilder model = graph.Model;
        model.AddInput("sample", config.WeightType, "batch_size", 3, "height", "width");
        IReadOnlyList<int> channels = config.VaeBlockOutChannels;
        string x = graph.Conv("encoder.conv_in", "sample", 3, channels[0], 3);
        int current = channels[0];
        for (int block = 0; block < channels.Count; block++)
        {
            for (int layer = 0; layer < config.VaeLayersPerBlock; layer++)
            {
                x = vae.Resnet($"encoder.down_blocks.{block}.resnets.{layer}", x, current, channels[block]);
                current = channels[block];
            }

            if (block < channels.Count - 1)
            {
                // diffusers pads right and bottom by one, then convolves with stride 2 and no padding.
                string padded = graph.Op("Pad", x, graph.Ints(model.NewName("down_pads"), 0, 0, 0, 0, 0, 0, 1, 1));
                x = graph.Conv($"encoder.down_blocks.{block}.downsamplers.0.conv", padded, current, current, 3, stride: 2, padding: 0);
            }
        }

        x = vae.Mid("encoder.mid_block", x, current);
        x = graph.Silu(graph.GroupNorm("encoder.conv_norm_out", x, current, config.NormGroups, Epsilon));
        x = graph.Conv("encoder.conv_out", x, current, 2 * config.LatentChannels, 3);
        x = graph.Conv("quant_conv", x, 2 * config.LatentChannels, 2 * config.LatentChannels, 1);
        model.AddNode("Identity", [x], ["latent_parameters"]);
        model.AddOutput("latent_parameters", config.WeightType, "batch_size", 2 * config.LatentChannels, "latent_height", "latent_width");
        return model.ToBytes();
    }

    public static byte[] BuildDecoder(SdArchitectureConfig config, ExternalWeightFile? external)
    {
        var graph = new ArchitectureGraph("vae_decoder", $"AutoencoderKL decoder ({config.Name}), seeded random weights.", config.Seed ^ 0xDECUL, external, config.WeightType);
        var vae = new Builder(graph, config);
        OnnxModelBuilder model = graph.Model;
        model.AddInput("latent_sample", config.WeightType, "batch_size", config.LatentChannels, "latent_height", "latent_width");
        IReadOnlyList<int> channels = config.VaeBlockOutChannels;
        int current = channels[^1];
        string x = graph.Conv("post_quant_conv", "latent_sample", config.LatentChannels, config.LatentChannels, 1);
        x = graph.Conv("decoder.conv_in", x, config.LatentChannels, current, 3);
        x = vae.Mid("decoder.mid_block", x, current);
        for (int up = 0; up < channels.Count; up++)
        {
            int outChannels = channels[channels.Count - 1 - up];
            for (int layer = 0; layer <= config.VaeLayersPerBlock; layer++)
            {
                x = vae.Resnet($"decoder.up_blocks.{up}.resnets.{layer}", x, current, outChannels);
                current = outChannels;
            }

            if (up < channels.Count - 1)
            {
                string scales = graph.UpsampleScales();
                string resized = graph.Op("Resize", [x, string.Empty, scales], OnnxAttribute.String("mode", "nearest"));
                x = graph.Conv($"decoder.up_blocks.{up}.upsamplers.0.conv", resized, current, current, 3);
            }
        }

        x = graph.Silu(graph.GroupNorm("decoder.conv_norm_out", x, current, config.NormGroups, Epsilon));
        x = graph.Conv("decoder.conv_out", x, current, 3, 3);
        model.AddNode("Identity", [x], ["sample"]);
        model.AddOutput("sample", config.WeightType, "batch_size", 3, "height", "width");
        return model.ToBytes();
    }

    private sealed class Builder(ArchitectureGraph graph, SdArchitectureConfig config)
    {
        public string Resnet(string name, string x, int inChannels, int outChannels)
        {
            string h = graph.Silu(graph.GroupNorm(name + ".norm1", x, inChannels, config.NormGroups, Epsilon));
            h = graph.Conv(name + ".conv1", h, inChannels, outChannels, 3);
            h = graph.Silu(graph.GroupNorm(name + ".norm2", h, outChannels, config.NormGroups, Epsilon));
            h = graph.Conv(name + ".conv2", h, outChannels, outChannels, 3);
            string shortcut = inChannels == outChannels ? x : graph.Conv(name + ".conv_shortcut", x, inChannels, outChannels, 1);
            return graph.Op("Add", shortcut, h);
        }

        public string Mid(string name, string x, int channels)
        {
            x = Resnet(name + ".resnets.0", x, channels, channels);
            string normed = graph.GroupNorm(name + ".attentions.0.group_norm", x, channels, config.NormGroups, Epsilon);
            string flat = graph.Op("Reshape", normed, graph.Ints(graph.Model.NewName("flatten"), 0, channels, -1));
            string tokens = graph.Op("Transpose", [flat], OnnxAttribute.Ints("perm", 0, 2, 1));
            string attended = graph.Attention(name + ".attentions.0", tokens, tokens, channels, channels, heads: 1, qkvBias: true);
            string back = graph.Op("Reshape", graph.Op("Transpose", [attended], OnnxAttribute.Ints("perm", 0, 2, 1)), graph.Op("Shape", x));
            x = graph.Op("Add", x, back);
            return Resnet(name + ".resnets.1", x, channels, channels);
        }
    }
}
