using System.Text.Json;
using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Tests.Text;

namespace ExplainerStudio.Generation.Tests.Packs;

/// <summary>
/// Writes complete synthetic packs in the diffusers ONNX layout: tiny graphs with the input and output names,
/// types and shapes that real exports use, so pack inspection and the pipeline run over real sessions.
/// </summary>
public static class TestPacks
{
    /// <summary>The synthetic VAE's latent scale: latents × 0.18215 give back pooled pixel values.</summary>
    private const float VaeScale = 0.18215f;

    public static string Write(string directory, TestPackSpec? spec = null)
    {
        spec ??= new TestPackSpec();
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "model_index.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["_class_name"] = spec.ClassName,
            ["_name_or_path"] = spec.NameOrPath,
            ["unet"] = new[] { "diffusers", "OnnxRuntimeModel" },
        }));
        new SmallClipVocabulary(("c", "a"), ("ca", "t</w>"), ("d", "o"), ("do", "g</w>")).WriteTo(Path.Combine(directory, "tokenizer"));
        Directory.CreateDirectory(Path.Combine(directory, "scheduler"));
        File.WriteAllText(Path.Combine(directory, "scheduler", "scheduler_config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["_class_name"] = spec.LatentConsistency ? "LCMScheduler" : "EulerDiscreteScheduler",
            ["num_train_timesteps"] = 1000,
            ["beta_start"] = 0.00085,
            ["beta_end"] = 0.012,
            ["beta_schedule"] = "scaled_linear",
            ["prediction_type"] = "epsilon",
            ["timestep_spacing"] = "leading",
            ["steps_offset"] = 1,
        }));

        TextEncoder(spec).Save(Path.Combine(directory, "text_encoder", "model.onnx"));
        Unet(spec).Save(Path.Combine(directory, "unet", "model.onnx"));
        VaeEncoder(spec).Save(Path.Combine(directory, "vae_encoder", "model.onnx"));
        VaeDecoder(spec).Save(Path.Combine(directory, "vae_decoder", "model.onnx"));
        if (spec.ImageEncoder)
        {
            ImageEncoder(spec).Save(Path.Combine(directory, "image_encoder", "model.onnx"));
        }

        return directory;
    }

    private static OnnxElementType FloatType(TestPackSpec spec) => spec.Float16 ? OnnxElementType.Float16 : OnnxElementType.Float;

    private static string ToFloat(OnnxModelBuilder builder, string name) =>
        builder.Apply("Cast", [name], OnnxAttribute.Int("to", (long)OnnxElementType.Float));

    private static void Output(OnnxModelBuilder builder, TestPackSpec spec, string value, string name, params OnnxDim[] shape)
    {
        builder.AddNode("Cast", [value], [name], OnnxAttribute.Int("to", (long)FloatType(spec)));
        builder.AddOutput(name, FloatType(spec), shape);
    }

    private static OnnxModelBuilder TextEncoder(TestPackSpec spec)
    {
        int d = spec.HiddenSize;
        var builder = new OnnxModelBuilder("text_encoder").AddInput("input_ids", spec.InputIdsType, "batch", 77);
        string ids = ToFloat(builder, "input_ids");
        string scaled = builder.Apply("Mul", [ids, builder.Constant(OnnxTensor.Scalar("inv_vocab", 1f / 600f))]);
        string column = builder.Apply("Unsqueeze", [scaled, builder.Constant(OnnxTensor.Vector("axis2", 2))]);
        float[] weights = Enumerable.Range(0, d).Select(i => (float)Math.Sin(i + 1)).ToArray();
        string hidden = builder.Apply("Mul", [column, builder.Constant(OnnxTensor.FromFloat("w", [1, 1, d], weights))]);
        Output(builder, spec, hidden, "last_hidden_state", "batch", 77, d);
        return builder;
    }

    private static OnnxModelBuilder Unet(TestPackSpec spec)
    {
        int c = spec.LatentChannels;
        var builder = new OnnxModelBuilder("unet").AddInput(spec.UnetSampleName, FloatType(spec), spec.UnetBatch, c, "height", "width");
        if (spec.ScalarTimestep)
        {
            builder.AddInput("timestep", spec.TimestepType);
        }
        else
        {
            builder.AddInput("timestep", spec.TimestepType, 1);
        }

        builder.AddInput("encoder_hidden_states", FloatType(spec), spec.UnetBatch, spec.UnetSequence, spec.UnetHiddenSize ?? spec.HiddenSize);
        if (spec.LatentConsistency)
        {
            builder.AddInput("timestep_cond", FloatType(spec), spec.UnetBatch, 256);
        }

        string sample = ToFloat(builder, spec.UnetSampleName);
        string scaled = builder.Apply("Mul", [sample, builder.Constant(OnnxTensor.Scalar("scale", spec.UnetScale))]);
        string hidden = ToFloat(builder, "encoder_hidden_states");
        string mean = builder.Apply("ReduceMean", [hidden], OnnxAttribute.Ints("axes", 1, 2), OnnxAttribute.Int("keepdims", 1));
        string tint = builder.Apply("Unsqueeze", [mean, builder.Constant(OnnxTensor.Vector("axis3", 3))]);
        string small = builder.Apply("Mul", [tint, builder.Constant(OnnxTensor.Scalar("tint_scale", 0.1f))]);
        Output(builder, spec, builder.Apply("Add", [scaled, small]), "out_sample", spec.UnetBatch, c, "height", "width");
        return builder;
    }

    private static OnnxModelBuilder VaeEncoder(TestPackSpec spec)
    {
        int outChannels = spec.LatentParameters ? spec.LatentChannels * 2 : spec.LatentChannels;
        var builder = new OnnxModelBuilder("vae_encoder").AddInput("sample", FloatType(spec), "batch", 3, "height", "width");
        string image = ToFloat(builder, "sample");
        string pooled = builder.Apply("AveragePool", [image], OnnxAttribute.Ints("kernel_shape", 8, 8), OnnxAttribute.Ints("strides", 8, 8));
        float[] weights = new float[outChannels * 3];
        for (int o = 0; o < Math.Min(outChannels, spec.LatentChannels); o++)
        {
            weights[(o * 3) + (o % 3)] = 1f / VaeScale;
        }

        for (int o = spec.LatentChannels; o < outChannels; o++)
        {
            weights[(o * 3) + (o % 3)] = -0.5f;
        }

        string latents = builder.Apply("Conv", [pooled, builder.Constant(OnnxTensor.FromFloat("w", [outChannels, 3, 1, 1], weights))]);
        Output(builder, spec, latents, spec.LatentParameters ? "latent_parameters" : "latent_sample", "batch", outChannels, "latent_height", "latent_width");
        return builder;
    }

    private static OnnxModelBuilder VaeDecoder(TestPackSpec spec)
    {
        int c = spec.DecoderLatentChannels ?? spec.LatentChannels;
        var builder = new OnnxModelBuilder("vae_decoder").AddInput("latent_sample", FloatType(spec), "batch", c, "latent_height", "latent_width");
        string latents = ToFloat(builder, "latent_sample");
        float[] weights = new float[3 * c];
        for (int o = 0; o < 3; o++)
        {
            weights[(o * c) + (o % c)] = VaeScale;
        }

        string rgb = builder.Apply("Conv", [latents, builder.Constant(OnnxTensor.FromFloat("w", [3, c, 1, 1], weights))]);
        string image = builder.Apply("Resize", [rgb, string.Empty, builder.Constant(OnnxTensor.FromFloat("scales", [4], [1f, 1f, 8f, 8f]))], OnnxAttribute.String("mode", "nearest"));
        Output(builder, spec, image, "sample", "batch", 3, "height", "width");
        return builder;
    }

    private static OnnxModelBuilder ImageEncoder(TestPackSpec spec)
    {
        int e = spec.ImageEmbeddingSize;
        var builder = new OnnxModelBuilder("image_encoder").AddInput("pixel_values", FloatType(spec), "batch", 3, 224, 224);
        string pooled = builder.Apply("GlobalAveragePool", [ToFloat(builder, "pixel_values")]);
        string flat = builder.Apply("Flatten", [pooled]);
        float[] weights = Enumerable.Range(0, 3 * e).Select(i => (float)Math.Cos(i)).ToArray();
        string embedding = builder.Apply("MatMul", [flat, builder.Constant(OnnxTensor.FromFloat("w", [3, e], weights))]);
        Output(builder, spec, embedding, "image_embeds", "batch", e);
        if (spec.ImageTokens is int tokens)
        {
            int d = spec.HiddenSize;
            float[] tokenWeights = Enumerable.Range(0, 3 * tokens * d).Select(i => (float)Math.Sin(i * 0.7)).ToArray();
            string flatTokens = builder.Apply("MatMul", [flat, builder.Constant(OnnxTensor.FromFloat("wt", [3, tokens * d], tokenWeights))]);
            string shaped = builder.Apply("Reshape", [flatTokens, builder.Constant(OnnxTensor.Vector("token_shape", -1, tokens, d))]);
            Output(builder, spec, shaped, "image_tokens", "batch", tokens, d);
        }

        return builder;
    }
}
