using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Schedulers;
using ExplainerStudio.Generation.Text;

namespace ExplainerStudio.Generation.Packs;

/// <summary>
/// A validated model pack: where its graphs are, what they take, and what kind of model they make up. Created by
/// <see cref="ModelPackLoader"/>; a pack that reaches this type has consistent graphs.
/// </summary>
public sealed class ModelPack
{
    private readonly Lazy<string> _contentHash;

    internal ModelPack(
        string id,
        string directory,
        ModelPackKind kind,
        ClipTokenizer tokenizer,
        SchedulerConfig scheduler,
        TextEncoderModel textEncoder,
        UnetModel unet,
        VaeEncoderModel vaeEncoder,
        VaeDecoderModel vaeDecoder,
        ImageEncoderModel? imageEncoder,
        long sizeBytes)
    {
        Id = id;
        Directory = directory;
        Kind = kind;
        Tokenizer = tokenizer;
        Scheduler = scheduler;
        TextEncoder = textEncoder;
        Unet = unet;
        VaeEncoder = vaeEncoder;
        VaeDecoder = vaeDecoder;
        ImageEncoder = imageEncoder;
        SizeBytes = sizeBytes;
        _contentHash = new Lazy<string>(() => PackContentHash.Compute(directory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The pack's folder name, used as its id in shots and recipes.</summary>
    public string Id { get; }

    /// <summary>The pack's folder (full path).</summary>
    public string Directory { get; }

    /// <summary>The detected kind.</summary>
    public ModelPackKind Kind { get; }

    /// <summary>The pack's CLIP tokenizer, with its own special tokens and sequence length.</summary>
    public ClipTokenizer Tokenizer { get; }

    /// <summary>The pack's <c>scheduler/scheduler_config.json</c>; its class is the default scheduler.</summary>
    public SchedulerConfig Scheduler { get; }

    /// <summary>The text encoder.</summary>
    public TextEncoderModel TextEncoder { get; }

    /// <summary>The UNet.</summary>
    public UnetModel Unet { get; }

    /// <summary>The VAE encoder.</summary>
    public VaeEncoderModel VaeEncoder { get; }

    /// <summary>The VAE decoder.</summary>
    public VaeDecoderModel VaeDecoder { get; }

    /// <summary>The optional image encoder, or null.</summary>
    public ImageEncoderModel? ImageEncoder { get; }

    /// <summary>Total size of the pack's files in bytes.</summary>
    public long SizeBytes { get; }

    /// <summary>
    /// SHA-256 (lower-case hex) over the pack's relative file paths and contents, recorded in every take's recipe.
    /// Computed on first use, since hashing a real pack reads gigabytes.
    /// </summary>
    public string ContentHash => _contentHash.Value;

    /// <summary>The text embedding width (768 for SD 1.x, 1024 for SD 2.x).</summary>
    public int TextHiddenSize => TextEncoder.HiddenSize;

    /// <summary>The latent channel count shared by the UNet and the VAE.</summary>
    public int LatentChannels => Unet.LatentChannels;

    /// <summary>True when the UNet takes its inputs in half precision.</summary>
    public bool IsFloat16 => Unet.SampleType == TensorElementType.Float16;

    /// <summary>True when the UNet's <c>encoder_hidden_states</c> take tokens after the text tokens.</summary>
    public bool AcceptsImageTokens => Unet.SequenceLength is null || Unet.SequenceLength > TextEncoder.SequenceLength;

    /// <summary>
    /// How many image tokens the UNet requires after the text tokens when its sequence length is fixed (0 when it
    /// takes none, null when the sequence dimension is dynamic and any count fits).
    /// </summary>
    public int? RequiredImageTokens => Unet.SequenceLength is int length ? length - TextEncoder.SequenceLength : null;

    /// <summary>True when the pack has an image encoder whose embeddings can be fed to the UNet as tokens.</summary>
    public bool SupportsImageConditioning => AcceptsImageTokens && ImageEncoder is { TokensPerImage: > 0 };

    /// <summary>Suggested number of denoising steps for this kind of model.</summary>
    public int DefaultSteps => Kind switch
    {
        ModelPackKind.Turbo => 2,
        ModelPackKind.LatentConsistency => 4,
        ModelPackKind.Previz => 12,
        _ => 25,
    };

    /// <summary>Suggested guidance scale (0 disables guidance for Turbo; for LCM it feeds the guidance embedding).</summary>
    public float DefaultGuidanceScale => Kind switch
    {
        ModelPackKind.Turbo => 0f,
        ModelPackKind.LatentConsistency => 8f,
        _ => 7.5f,
    };

    /// <summary>One line for the UI: kind, text width, precision and extras.</summary>
    public string Description
    {
        get
        {
            var parts = new List<string>
            {
                Kind switch
                {
                    ModelPackKind.Previz => "Previz animatic",
                    ModelPackKind.StableDiffusion1 => "Stable Diffusion 1.x",
                    ModelPackKind.StableDiffusion2 => "Stable Diffusion 2.x",
                    ModelPackKind.Turbo => "SD-Turbo",
                    ModelPackKind.LatentConsistency => "Latent consistency (LCM)",
                    _ => "Custom diffusion model",
                },
                $"{TextHiddenSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}-d text",
                IsFloat16 ? "fp16" : "fp32",
            };
            if (SupportsImageConditioning)
            {
                parts.Add("image tokens");
            }
            else if (ImageEncoder is not null)
            {
                parts.Add("image encoder");
            }

            return string.Join(", ", parts);
        }
    }

    /// <summary>The model files of the pack, for loading or unloading their sessions.</summary>
    public IEnumerable<string> ModelPaths()
    {
        yield return TextEncoder.Path;
        yield return Unet.Path;
        yield return VaeEncoder.Path;
        yield return VaeDecoder.Path;
        if (ImageEncoder is not null)
        {
            yield return ImageEncoder.Path;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Description})";
}
