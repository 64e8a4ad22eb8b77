using System.Text.Json;

namespace ExplainerStudio.Generation.Previz;

/// <summary>The pack's JSON descriptors in the diffusers/Optimum layout.</summary>
internal static class PrevizPackConfig
{
    public const string SchedulerClass = "EulerDiscreteScheduler";

    public static byte[] ModelIndexJson() => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("_class_name", "OnnxStableDiffusionPipeline");
        WriteNullComponent(writer, "feature_extractor");
        WriteComponent(writer, "image_encoder", "diffusers", "OnnxRuntimeModel");
        writer.WriteBoolean("requires_safety_checker", false);
        WriteNullComponent(writer, "safety_checker");
        WriteComponent(writer, "scheduler", "diffusers", SchedulerClass);
        WriteComponent(writer, "text_encoder", "diffusers", "OnnxRuntimeModel");
        WriteComponent(writer, "tokenizer", "transformers", "CLIPTokenizer");
        WriteComponent(writer, "unet", "diffusers", "OnnxRuntimeModel");
        WriteComponent(writer, "vae_decoder", "diffusers", "OnnxRuntimeModel");
        WriteComponent(writer, "vae_encoder", "diffusers", "OnnxRuntimeModel");
        writer.WriteEndObject();
    });

    /// <summary>
    /// Euler (discrete) over SD's scaled-linear betas with SD 1.5's "leading" spacing and steps_offset 1:
    /// 20 steps run t = 951, 901, …, 1; image-to-image at strength 0.6 starts at t = 551 (σ ≈ 1.92).
    /// </summary>
    public static byte[] SchedulerConfigJson() => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("_class_name", SchedulerClass);
        writer.WriteNumber("beta_end", ScaledLinearSchedule.BetaEnd);
        writer.WriteString("beta_schedule", "scaled_linear");
        writer.WriteNumber("beta_start", ScaledLinearSchedule.BetaStart);
        writer.WriteBoolean("clip_sample", false);
        writer.WriteString("final_sigmas_type", "zero");
        writer.WriteString("interpolation_type", "linear");
        writer.WriteNumber("num_train_timesteps", ScaledLinearSchedule.TrainingSteps);
        writer.WriteString("prediction_type", "epsilon");
        writer.WriteBoolean("rescale_betas_zero_snr", false);
        writer.WriteBoolean("set_alpha_to_one", false);
        writer.WriteBoolean("skip_prk_steps", true);
        writer.WriteNumber("steps_offset", 1);
        writer.WriteString("timestep_spacing", "leading");
        writer.WriteString("timestep_type", "discrete");
        writer.WriteNull("trained_betas");
        writer.WriteBoolean("use_karras_sigmas", false);
        writer.WriteEndObject();
    });

    /// <summary>AutoencoderKL-style config as Optimum saves next to each VAE half; carries the scaling factor.</summary>
    public static byte[] VaeConfigJson() => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("_class_name", "AutoencoderKL");
        writer.WriteNumber("in_channels", 3);
        writer.WriteNumber("latent_channels", PrevizVae.LatentChannels);
        writer.WriteNumber("out_channels", 3);
        writer.WriteNumber("sample_size", 512);
        writer.WriteNumber("scaling_factor", PrevizColorSpace.ScalingFactor);
        writer.WriteEndObject();
    });

    private static void WriteComponent(Utf8JsonWriter writer, string name, string library, string className)
    {
        writer.WriteStartArray(name);
        writer.WriteStringValue(library);
        writer.WriteStringValue(className);
        writer.WriteEndArray();
    }

    private static void WriteNullComponent(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartArray(name);
        writer.WriteNullValue();
        writer.WriteNullValue();
        writer.WriteEndArray();
    }
}
