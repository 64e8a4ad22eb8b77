using System.Text.Json;
using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Previz;

namespace ExplainerStudio.Generation.Packs.Architectures;

/// <summary>
/// Writes a Stable Diffusion 1.x pack with the genuine component architectures (CLIP text transformer,
/// UNet2DConditionModel, AutoencoderKL) and deterministic seeded random weights, in the diffusers/Optimum layout
/// with Optimum's input and output names. It renders noise-like images, but it runs every operator and shape a
/// real pack runs, so the pipeline can be exercised (and timed) on real architectures without downloading one.
/// The tokenizer files are the previz pack's CLIP-format tokenizer; the embedding table is sized to its vocabulary.
/// </summary>
public static class SdArchitecturePackWriter
{
    /// <summary>SD's VAE latent scaling factor.</summary>
    public const double ScalingFactor = 0.18215;

    /// <summary>Writes every file of the pack for <paramref name="config"/> into <paramref name="packDirectory"/>.</summary>
    public static void Write(SdArchitectureConfig config, string packDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(packDirectory);
        if (config.TimestepType is not (OnnxElementType.Int64 or OnnxElementType.Float))
        {
            throw new ArgumentException($"The UNet timestep type must be Int64 or Float, not {config.TimestepType}.", nameof(config));
        }

        if (config.WeightType is not (OnnxElementType.Float or OnnxElementType.Float16) ||
            (config.WeightType == OnnxElementType.Float16 && config.ExternalWeights))
        {
            throw new ArgumentException($"Weights must be Float or Float16 (and external weight files are written in Float only), not {config.WeightType}.", nameof(config));
        }

        if (config.InputIdsType is not (OnnxElementType.Int32 or OnnxElementType.Int64))
        {
            throw new ArgumentException($"The text encoder's input_ids type must be Int32 or Int64, not {config.InputIdsType}.", nameof(config));
        }

        PrevizTokenizer tokenizer = PrevizTokenizer.Instance;
        var files = new List<(string Path, Func<byte[]> Content)>
        {
            ("model_index.json", () => ModelIndexJson(config)),
            ("scheduler/scheduler_config.json", config.TimestepCondSize is null ? SchedulerConfigJson : LcmSchedulerConfigJson),
            ("tokenizer/vocab.json", tokenizer.VocabJson),
            ("tokenizer/merges.txt", tokenizer.MergesText),
            ("tokenizer/special_tokens_map.json", PrevizTokenizer.SpecialTokensMapJson),
            ("tokenizer/tokenizer_config.json", PrevizTokenizer.TokenizerConfigJson),
            ("vae_encoder/config.json", () => VaeConfigJson(config)),
            ("vae_decoder/config.json", () => VaeConfigJson(config)),
        };
        foreach ((string relative, Func<byte[]> content) in files)
        {
            string path = Resolve(packDirectory, relative);
            File.WriteAllBytes(path, content());
        }

        var models = new List<(string Folder, Func<ExternalWeightFile?, byte[]> Build)>
        {
            ("text_encoder", external => ClipTextEncoderGraph.Build(config, tokenizer.VocabularySize, external)),
            ("unet", external => UNet2DConditionGraph.Build(config, external)),
            ("vae_encoder", external => AutoencoderKlGraph.BuildEncoder(config, external)),
            ("vae_decoder", external => AutoencoderKlGraph.BuildDecoder(config, external)),
        };

        // One component at a time, weights streamed to model.onnx_data when external, so even the full-size
        // configuration never holds more than one component's weights in memory.
        foreach ((string folder, Func<ExternalWeightFile?, byte[]> build) in models)
        {
            string modelPath = Resolve(packDirectory, folder + "/model.onnx");
            string dataPath = Path.Combine(Path.GetDirectoryName(modelPath)!, ExternalWeightFile.DefaultFileName);
            if (!config.ExternalWeights)
            {
                File.Delete(dataPath);
                File.WriteAllBytes(modelPath, build(null));
                continue;
            }

            byte[] graph;
            using (var external = new ExternalWeightFile(dataPath))
            {
                graph = build(external);
            }

            File.WriteAllBytes(modelPath, graph);
        }
    }

    private static string Resolve(string packDirectory, string relative)
    {
        string path = Path.Combine(packDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static byte[] ModelIndexJson(SdArchitectureConfig config) => PackJson.Write(writer =>
    {
        bool lcm = config.TimestepCondSize is not null;
        writer.WriteStartObject();
        writer.WriteString("_class_name", lcm ? "ORTLatentConsistencyModelPipeline" : "OnnxStableDiffusionPipeline");
        WriteComponent(writer, "feature_extractor", null, null);
        writer.WriteBoolean("requires_safety_checker", false);
        WriteComponent(writer, "safety_checker", null, null);
        WriteComponent(writer, "scheduler", "diffusers", lcm ? "LCMScheduler" : "PNDMScheduler");
        WriteComponent(writer, "text_encoder", "diffusers", "OnnxRuntimeModel");
        WriteComponent(writer, "tokenizer", "transformers", "CLIPTokenizer");
        WriteComponent(writer, "unet", "diffusers", "OnnxRuntimeModel");
        WriteComponent(writer, "vae_decoder", "diffusers", "OnnxRuntimeModel");
        WriteComponent(writer, "vae_encoder", "diffusers", "OnnxRuntimeModel");
        writer.WriteEndObject();
    });

    /// <summary>Stable Diffusion 1.5's own scheduler file: PNDM without PRK steps over scaled-linear betas.</summary>
    private static byte[] SchedulerConfigJson() => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("_class_name", "PNDMScheduler");
        writer.WriteNumber("beta_end", 0.012);
        writer.WriteString("beta_schedule", "scaled_linear");
        writer.WriteNumber("beta_start", 0.00085);
        writer.WriteBoolean("clip_sample", false);
        writer.WriteNumber("num_train_timesteps", 1000);
        writer.WriteString("prediction_type", "epsilon");
        writer.WriteBoolean("set_alpha_to_one", false);
        writer.WriteBoolean("skip_prk_steps", true);
        writer.WriteNumber("steps_offset", 1);
        writer.WriteString("timestep_spacing", "leading");
        writer.WriteNull("trained_betas");
        writer.WriteEndObject();
    });

    /// <summary>The LCM-distilled SD 1.5 scheduler file: LCMScheduler over the same betas, 50 original steps.</summary>
    private static byte[] LcmSchedulerConfigJson() => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("_class_name", "LCMScheduler");
        writer.WriteNumber("beta_end", 0.012);
        writer.WriteString("beta_schedule", "scaled_linear");
        writer.WriteNumber("beta_start", 0.00085);
        writer.WriteBoolean("clip_sample", false);
        writer.WriteNumber("num_train_timesteps", 1000);
        writer.WriteNumber("original_inference_steps", 50);
        writer.WriteString("prediction_type", "epsilon");
        writer.WriteBoolean("set_alpha_to_one", true);
        writer.WriteNumber("steps_offset", 1);
        writer.WriteString("timestep_spacing", "leading");
        writer.WriteNumber("timestep_scaling", 10.0);
        writer.WriteNull("trained_betas");
        writer.WriteEndObject();
    });

    private static byte[] VaeConfigJson(SdArchitectureConfig config) => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("_class_name", "AutoencoderKL");
        writer.WriteStartArray("block_out_channels");
        foreach (int channels in config.VaeBlockOutChannels)
        {
            writer.WriteNumberValue(channels);
        }

        writer.WriteEndArray();
        writer.WriteNumber("in_channels", 3);
        writer.WriteNumber("latent_channels", config.LatentChannels);
        writer.WriteNumber("layers_per_block", config.VaeLayersPerBlock);
        writer.WriteNumber("norm_num_groups", config.NormGroups);
        writer.WriteNumber("out_channels", 3);
        writer.WriteNumber("sample_size", config.SampleSize * 8);
        writer.WriteNumber("scaling_factor", ScalingFactor);
        writer.WriteEndObject();
    });

    private static void WriteComponent(Utf8JsonWriter writer, string name, string? library, string? className)
    {
        writer.WriteStartArray(name);
        writer.WriteStringValue(library);
        writer.WriteStringValue(className);
        writer.WriteEndArray();
    }
}
