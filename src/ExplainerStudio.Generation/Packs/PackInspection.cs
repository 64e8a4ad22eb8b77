using System.Globalization;
using System.Text.Json;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Schedulers;
using ExplainerStudio.Generation.Text;

namespace ExplainerStudio.Generation.Packs;

/// <summary>
/// Inspects one pack folder: every required file, every graph's inputs and outputs against what real exports use
/// (diffusion.md B.2), and the agreements between graphs (latent channels, text width, sequence length). Collects
/// every problem rather than stopping at the first, so one report tells the user everything to fix.
/// </summary>
internal sealed class PackInspection
{
    private const string TextEncoderFile = "text_encoder/model.onnx";
    private const string UnetFile = "unet/model.onnx";
    private const string VaeEncoderFile = "vae_encoder/model.onnx";
    private const string VaeDecoderFile = "vae_decoder/model.onnx";
    private const string ImageEncoderFile = "image_encoder/model.onnx";
    private const string SchedulerFile = "scheduler/scheduler_config.json";
    private const int ClipSequenceLength = 77;
    private const int LatentConsistencyCondSize = 256;

    private static readonly TensorElementType[] FloatTypes = [TensorElementType.Float, TensorElementType.Float16];

    private readonly OnnxRuntime _runtime;
    private readonly string _directory;
    private readonly string _id;
    private readonly List<string> _problems = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _loadedModels = [];

    public PackInspection(OnnxRuntime runtime, string directory)
    {
        _runtime = runtime;
        _directory = Path.GetFullPath(directory);
        _id = Path.GetFileName(Path.TrimEndingDirectorySeparator(_directory));
    }

    public ModelPackReport Run()
    {
        if (!Directory.Exists(_directory))
        {
            return Report($"The folder '{_directory}' does not exist.");
        }

        JsonElement? index = ReadJsonObject("model_index.json", "the diffusers pipeline index");
        ClipTokenizer? tokenizer = LoadTokenizer();
        SchedulerConfig? scheduler = LoadScheduler();

        TextEncoderModel? textEncoder = InspectTextEncoder(tokenizer);
        UnetModel? unet = InspectUnet();
        VaeEncoderModel? vaeEncoder = InspectVaeEncoder(out int? encoderChannels);
        VaeDecoderModel? vaeDecoder = InspectVaeDecoder(out int? decoderChannels);

        int textSequence = textEncoder?.SequenceLength ?? tokenizer?.MaxLength ?? ClipSequenceLength;
        int? hiddenSize = CheckHiddenSize(textEncoder, unet);
        CheckSequenceLength(unet, textSequence);
        int latentChannels = CheckLatentChannels(unet, encoderChannels, decoderChannels);
        ImageEncoderModel? imageEncoder = InspectImageEncoder(hiddenSize, unet, textSequence);

        if (_problems.Count > 0 || textEncoder is null || unet is null || vaeEncoder is null || vaeDecoder is null || tokenizer is null || scheduler is null || hiddenSize is null)
        {
            foreach (string model in _loadedModels)
            {
                _runtime.UnloadSession(model);
            }

            return Report();
        }

        textEncoder = textEncoder with { HiddenSize = hiddenSize.Value };
        unet = unet with { HiddenSize = hiddenSize.Value, LatentChannels = latentChannels };
        ModelPackKind kind = DetectKind(index, hiddenSize.Value, unet);
        var pack = new ModelPack(
            _id,
            _directory,
            kind,
            tokenizer,
            scheduler,
            textEncoder,
            unet,
            vaeEncoder,
            vaeDecoder,
            imageEncoder,
            PackContentHash.Size(_directory));
        return new ModelPackReport(_id, _directory, [], [.. _notes], pack);
    }

    private ModelPackReport Report(params string[] extraProblems) =>
        new(_id, _directory, [.. _problems, .. extraProblems], [.. _notes], null);

    private JsonElement? ReadJsonObject(string relativePath, string what)
    {
        string path = Path.Combine(_directory, relativePath);
        if (!File.Exists(path))
        {
            _problems.Add($"It has no {relativePath} ({what}).");
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                _problems.Add($"{relativePath} is not a JSON object ({what}).");
                return null;
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            _problems.Add($"{relativePath} is not valid JSON ({what}): {ex.Message}");
            return null;
        }
    }

    private ClipTokenizer? LoadTokenizer()
    {
        try
        {
            return ClipTokenizer.Load(Path.Combine(_directory, "tokenizer"));
        }
        catch (TokenizerLoadException ex)
        {
            _problems.Add(ex.Message);
            return null;
        }
    }

    private SchedulerConfig? LoadScheduler()
    {
        string path = Path.Combine(_directory, SchedulerFile);
        if (!File.Exists(path))
        {
            _problems.Add($"It has no {SchedulerFile} (the scheduler settings).");
            return null;
        }

        try
        {
            SchedulerConfig config = SchedulerConfig.Load(path);
            SchedulerChoice choice = config.DefaultChoice();
            SchedulerFactory.Create(choice.Kind, config);
            if (choice.FallbackNote is string note)
            {
                _notes.Add(note);
            }

            return config;
        }
        catch (SchedulerConfigException ex)
        {
            _problems.Add(ex.Message);
            return null;
        }
    }

    private ModelSession? LoadModel(string relativePath, bool optional = false)
    {
        string path = Path.Combine(_directory, relativePath);
        if (!File.Exists(path))
        {
            if (!optional)
            {
                _problems.Add($"It has no {relativePath}.");
            }

            return null;
        }

        try
        {
            ModelSession session = _runtime.GetSession(path);
            _loadedModels.Add(path);
            return session;
        }
        catch (OnnxRuntimeException ex)
        {
            (optional ? _notes : _problems).Add($"{relativePath} could not be loaded: {ex.Message}");
            return null;
        }
    }

    private TextEncoderModel? InspectTextEncoder(ClipTokenizer? tokenizer)
    {
        ModelSession? session = LoadModel(TextEncoderFile);
        if (session is null)
        {
            return null;
        }

        bool namesOk = CheckInputNames(session, TextEncoderFile, [TextEncoderModel.InputIdsName], []);
        TensorMetadata? ids = namesOk
            ? Expect(session.GetInput(TextEncoderModel.InputIdsName), TextEncoderFile, [TensorElementType.Int32, TensorElementType.Int64], 2, "[batch, 77]")
            : null;
        TensorMetadata? hidden = ExpectOutput(session, TextEncoderFile, TextEncoderModel.HiddenStateName, FloatTypes, 3, "[batch, 77, hidden size]");
        if (ids is null || hidden is null)
        {
            return null;
        }

        int sequence = Fixed(ids, 1) ?? tokenizer?.MaxLength ?? ClipSequenceLength;
        if (tokenizer is not null && sequence != tokenizer.MaxLength)
        {
            _problems.Add($"{TextEncoderFile} takes {Format(sequence)} tokens per prompt but the tokenizer's model_max_length is {Format(tokenizer.MaxLength)}; they must agree.");
        }

        return new TextEncoderModel(session.ModelPath, ids.ElementType, sequence, Fixed(hidden, 2) ?? 0, hidden.ElementType);
    }

    private UnetModel? InspectUnet()
    {
        ModelSession? session = LoadModel(UnetFile);
        if (session is null)
        {
            return null;
        }

        if (!CheckInputNames(session, UnetFile, [UnetModel.SampleName, UnetModel.TimestepName, UnetModel.HiddenStatesName], [UnetModel.TimestepCondName]))
        {
            return null;
        }

        TensorMetadata? sample = Expect(session.GetInput(UnetModel.SampleName), UnetFile, FloatTypes, 4, "[batch, channels, height/8, width/8]");
        TensorMetadata timestep = session.GetInput(UnetModel.TimestepName);
        TensorMetadata? hidden = Expect(session.GetInput(UnetModel.HiddenStatesName), UnetFile, FloatTypes, 3, "[batch, tokens, hidden size]");
        TensorMetadata? output = ExpectOutput(session, UnetFile, UnetModel.OutputName, FloatTypes, 4, "[batch, channels, height/8, width/8]");
        bool timestepOk = CheckTimestep(timestep);

        int? condSize = null;
        if (session.HasInput(UnetModel.TimestepCondName))
        {
            TensorMetadata? cond = Expect(session.GetInput(UnetModel.TimestepCondName), UnetFile, FloatTypes, 2, "[batch, 256]");
            condSize = cond is null ? null : Fixed(cond, 1) ?? LatentConsistencyCondSize;
        }

        if (sample is null || hidden is null || output is null || !timestepOk)
        {
            return null;
        }

        int? sampleChannels = Fixed(sample, 1);
        int? outputChannels = Fixed(output, 1);
        if (sampleChannels is int s && outputChannels is int o && s != o)
        {
            _problems.Add($"{UnetFile} takes {Format(s)} latent channels in 'sample' but returns {Format(o)} in 'out_sample'; they must be equal.");
        }

        bool batched = timestep.Rank == 1 && timestep.Shape[0] != 1;
        return new UnetModel(
            session.ModelPath,
            sample.ElementType,
            sampleChannels ?? outputChannels ?? 0,
            timestep.ElementType,
            timestep.Rank,
            batched,
            hidden.ElementType,
            Fixed(hidden, 2) ?? 0,
            Fixed(hidden, 1),
            condSize,
            Fixed(sample, 0));
    }

    private bool CheckTimestep(TensorMetadata timestep)
    {
        TensorElementType[] allowed = [TensorElementType.Int64, TensorElementType.Int32, TensorElementType.Float, TensorElementType.Float16];
        if (!allowed.Contains(timestep.ElementType) || timestep.Rank > 1)
        {
            _problems.Add($"{UnetFile} input 'timestep' is {timestep.ElementType} {DenseTensor.FormatShape(timestep.Shape)}; expected int64, float32 or float16 with rank 0 or 1.");
            return false;
        }

        return true;
    }

    private VaeEncoderModel? InspectVaeEncoder(out int? latentChannels)
    {
        latentChannels = null;
        ModelSession? session = LoadModel(VaeEncoderFile);
        if (session is null || !CheckInputNames(session, VaeEncoderFile, [VaeEncoderModel.SampleName], []))
        {
            return null;
        }

        TensorMetadata? sample = Expect(session.GetInput(VaeEncoderModel.SampleName), VaeEncoderFile, FloatTypes, 4, "[batch, 3, height, width]");
        CheckFixed(sample, 1, 3, VaeEncoderFile, "colour channels of 'sample'");
        (VaeEncoderOutput kind, string name) = session.HasOutput("latent_parameters")
            ? (VaeEncoderOutput.LatentParameters, "latent_parameters")
            : (VaeEncoderOutput.LatentSample, "latent_sample");
        if (!session.HasOutput(name))
        {
            _problems.Add($"{VaeEncoderFile} has no output 'latent_sample' or 'latent_parameters'; its outputs are: {string.Join(", ", session.Outputs)}.");
            return null;
        }

        TensorMetadata? output = Expect(session.GetOutput(name), VaeEncoderFile, FloatTypes, 4, "[batch, channels, height/8, width/8]", isOutput: true);
        if (sample is null || output is null)
        {
            return null;
        }

        int? channels = Fixed(output, 1);
        if (kind == VaeEncoderOutput.LatentParameters && channels is int c)
        {
            if (c % 2 != 0)
            {
                _problems.Add($"{VaeEncoderFile} returns {Format(c)} channels in 'latent_parameters'; expected an even count (mean and log-variance).");
                return null;
            }

            channels = c / 2;
        }

        latentChannels = channels;
        return new VaeEncoderModel(session.ModelPath, sample.ElementType, kind, name);
    }

    private VaeDecoderModel? InspectVaeDecoder(out int? latentChannels)
    {
        latentChannels = null;
        ModelSession? session = LoadModel(VaeDecoderFile);
        if (session is null || !CheckInputNames(session, VaeDecoderFile, [VaeDecoderModel.LatentName], []))
        {
            return null;
        }

        TensorMetadata? latent = Expect(session.GetInput(VaeDecoderModel.LatentName), VaeDecoderFile, FloatTypes, 4, "[batch, channels, height/8, width/8]");
        TensorMetadata? output = ExpectOutput(session, VaeDecoderFile, VaeDecoderModel.OutputName, FloatTypes, 4, "[batch, 3, height, width]");
        CheckFixed(output, 1, 3, VaeDecoderFile, "colour channels of 'sample'");
        if (latent is null || output is null)
        {
            return null;
        }

        latentChannels = Fixed(latent, 1);
        return new VaeDecoderModel(session.ModelPath, latent.ElementType, ReadScalingFactor());
    }

    private ImageEncoderModel? InspectImageEncoder(int? hiddenSize, UnetModel? unet, int textSequence)
    {
        ModelSession? session = LoadModel(ImageEncoderFile, optional: true);
        int? requiredTokens = unet?.SequenceLength is int length && length > textSequence ? length - textSequence : null;
        if (session is null)
        {
            if (requiredTokens is int missing)
            {
                _notes.Add($"{UnetFile} takes {Format(missing)} image tokens after the text tokens but the pack has no usable {ImageEncoderFile}; renders pass zeros there.");
            }

            return null;
        }

        TensorMetadata? image = session.Inputs.FirstOrDefault(i => i.Rank == 4 && FloatTypes.Contains(i.ElementType));
        TensorMetadata? embedding = session.HasOutput("image_embeds")
            ? session.GetOutput("image_embeds")
            : session.Outputs.FirstOrDefault(o => o.Rank is 2 or 3 && FloatTypes.Contains(o.ElementType));
        if (session.Inputs.Count != 1 || image is null || embedding is null || embedding.Rank is not (2 or 3) || !FloatTypes.Contains(embedding.ElementType))
        {
            _notes.Add($"{ImageEncoderFile} is ignored: expected one image input [batch, 3, height, width] and an embedding output [batch, size]; it has inputs {string.Join(", ", session.Inputs)} and outputs {string.Join(", ", session.Outputs)}.");
            return null;
        }

        int embeddingSize = embedding.Rank == 2 ? Fixed(embedding, 1) ?? 0 : (Fixed(embedding, 1) ?? 0) * (Fixed(embedding, 2) ?? 0);

        // Tokens come from a dedicated [batch, tokens, D] output when the encoder has one (IP-Adapter style
        // projections baked into the graph), otherwise from cutting the embedding into D-wide tokens.
        TensorMetadata tokenSource = embedding;
        int tokens = 0;
        if (hiddenSize is int d && d > 0)
        {
            TensorMetadata? dedicated = session.Outputs.FirstOrDefault(o =>
                o.Name == "image_tokens" && o.Rank == 3 && Fixed(o, 2) == d && Fixed(o, 1) is > 0 && FloatTypes.Contains(o.ElementType));
            if (dedicated is not null)
            {
                tokenSource = dedicated;
                tokens = Fixed(dedicated, 1)!.Value;
            }
            else if (embedding.Rank == 3)
            {
                tokens = Fixed(embedding, 2) == d ? Fixed(embedding, 1) ?? 0 : 0;
            }
            else
            {
                tokens = embeddingSize > 0 && embeddingSize % d == 0 ? embeddingSize / d : 0;
            }
        }

        bool acceptsTokens = unet is not null && (unet.SequenceLength is null || unet.SequenceLength > textSequence);
        if (acceptsTokens && tokens == 0)
        {
            _notes.Add($"{ImageEncoderFile} returns {Format(embeddingSize)} values per image, which do not make whole {Format(hiddenSize ?? 0)}-wide tokens; it is used for drift scoring only.");
        }
        else if (requiredTokens is int required && tokens > 0 && required % tokens != 0)
        {
            _notes.Add($"{UnetFile} takes {Format(required)} image tokens but each reference image makes {Format(tokens)}; renders fill the remainder with zeros.");
        }

        return new ImageEncoderModel(
            session.ModelPath,
            image.Name,
            image.ElementType,
            Fixed(image, 2),
            Fixed(image, 3),
            embedding.Name,
            embeddingSize,
            tokenSource.Name,
            acceptsTokens ? tokens : 0);
    }

    private int? CheckHiddenSize(TextEncoderModel? textEncoder, UnetModel? unet)
    {
        int? text = textEncoder is { HiddenSize: > 0 } ? textEncoder.HiddenSize : null;
        int? denoiser = unet is { HiddenSize: > 0 } ? unet.HiddenSize : null;
        if (text is int t && denoiser is int u && t != u)
        {
            _problems.Add($"Text hidden size does not match: {TextEncoderFile} returns {Format(t)}-wide token embeddings but {UnetFile} expects {Format(u)} in 'encoder_hidden_states'. The text encoder and the UNet must come from the same model (768 for SD 1.x, 1024 for SD 2.x).");
            return null;
        }

        int? size = text ?? denoiser;
        if (size is null && textEncoder is not null && unet is not null)
        {
            _problems.Add($"Neither {TextEncoderFile} nor {UnetFile} fixes the width of the token embeddings, so the pack's text hidden size cannot be told; re-export with a fixed hidden dimension.");
        }

        return size;
    }

    private void CheckSequenceLength(UnetModel? unet, int textSequence)
    {
        if (unet?.SequenceLength is int length && length < textSequence)
        {
            _problems.Add($"{UnetFile} takes {Format(length)} tokens in 'encoder_hidden_states' but the text encoder makes {Format(textSequence)}; expected at least {Format(textSequence)}.");
        }
    }

    private int CheckLatentChannels(UnetModel? unet, int? encoderChannels, int? decoderChannels)
    {
        var known = new List<(string Where, int Channels)>();
        if (unet is { LatentChannels: > 0 })
        {
            known.Add(($"{UnetFile} 'sample' has", unet.LatentChannels));
        }

        if (encoderChannels is int e)
        {
            known.Add(($"{VaeEncoderFile} makes", e));
        }

        if (decoderChannels is int d)
        {
            known.Add(($"{VaeDecoderFile} 'latent_sample' has", d));
        }

        if (known.Select(k => k.Channels).Distinct().Count() > 1)
        {
            _problems.Add($"Latent channels do not match: {string.Join(", ", known.Select(k => $"{k.Where} {Format(k.Channels)}"))}. The UNet and both VAE graphs must use the same latent channel count (4 for Stable Diffusion).");
        }

        if (known.Count == 0)
        {
            _notes.Add("No graph fixes the latent channel count; assuming 4.");
            return 4;
        }

        return known[0].Channels;
    }

    private bool CheckInputNames(ModelSession session, string file, string[] required, string[] optional)
    {
        string[] missing = required.Where(r => !session.HasInput(r)).ToArray();
        string[] unexpected = session.Inputs.Select(i => i.Name).Where(n => !required.Contains(n) && !optional.Contains(n)).ToArray();
        if (missing.Length == 0 && unexpected.Length == 0)
        {
            return true;
        }

        string expected = string.Join(", ", required) + (optional.Length > 0 ? $" (optionally {string.Join(", ", optional)})" : string.Empty);
        string actual = string.Join(", ", session.Inputs.Select(i => i.Name));
        string what = missing.Length > 0
            ? $"has no input {string.Join(", ", missing.Select(m => $"'{m}'"))}"
            : $"takes input {string.Join(", ", unexpected.Select(u => $"'{u}'"))} that the studio does not provide";
        _problems.Add($"{file} {what}: expected inputs {expected}; it has {actual}.");
        return false;
    }

    private TensorMetadata? ExpectOutput(ModelSession session, string file, string name, TensorElementType[] types, int rank, string shape)
    {
        if (!session.HasOutput(name))
        {
            _problems.Add($"{file} has no output '{name}'; its outputs are: {string.Join(", ", session.Outputs)}.");
            return null;
        }

        return Expect(session.GetOutput(name), file, types, rank, shape, isOutput: true);
    }

    private TensorMetadata? Expect(TensorMetadata value, string file, TensorElementType[] types, int rank, string shape, bool isOutput = false)
    {
        if (types.Contains(value.ElementType) && value.Rank == rank)
        {
            return value;
        }

        _problems.Add($"{file} {(isOutput ? "output" : "input")} '{value.Name}' is {value.ElementType} {DenseTensor.FormatShape(value.Shape)}; expected {string.Join(" or ", types)} {shape}.");
        return null;
    }

    private void CheckFixed(TensorMetadata? value, int dimension, int expected, string file, string what)
    {
        if (value is not null && Fixed(value, dimension) is int actual && actual != expected)
        {
            _problems.Add($"{file} has {Format(actual)} {what}; expected {Format(expected)}.");
        }
    }

    private float ReadScalingFactor()
    {
        foreach (string config in new[] { "vae_decoder/config.json", "vae_encoder/config.json", "vae/config.json" })
        {
            string path = Path.Combine(_directory, config);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("scaling_factor", out JsonElement factor) &&
                    factor.ValueKind == JsonValueKind.Number)
                {
                    return factor.GetSingle();
                }
            }
            catch (JsonException ex)
            {
                _notes.Add($"{config} is not valid JSON ({ex.Message}); using the VAE scaling factor 0.18215.");
            }
        }

        return VaeDecoderModel.DefaultScalingFactor;
    }

    private ModelPackKind DetectKind(JsonElement? index, int hiddenSize, UnetModel unet)
    {
        string className = StringProperty(index, "_class_name");
        string source = StringProperty(index, "_name_or_path");
        bool previz = className.Contains("previz", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(_id, "previz", StringComparison.OrdinalIgnoreCase) ||
            (_runtime.GetSession(unet.Path).CustomMetadata.TryGetValue("explainerstudio.pack", out string? packName) && packName == "previz");
        if (previz)
        {
            return ModelPackKind.Previz;
        }

        if (unet.IsLatentConsistency || className.Contains("LatentConsistency", StringComparison.OrdinalIgnoreCase))
        {
            return ModelPackKind.LatentConsistency;
        }

        bool turbo = source.Contains("turbo", StringComparison.OrdinalIgnoreCase) || _id.Contains("turbo", StringComparison.OrdinalIgnoreCase);
        return hiddenSize switch
        {
            1024 when turbo => ModelPackKind.Turbo,
            768 => ModelPackKind.StableDiffusion1,
            1024 => ModelPackKind.StableDiffusion2,
            _ => ModelPackKind.Custom,
        };
    }

    private static string StringProperty(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : string.Empty;

    private static int? Fixed(TensorMetadata value, int dimension) =>
        dimension < value.Rank && value.Shape[dimension] > 0 ? checked((int)value.Shape[dimension]) : null;

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
