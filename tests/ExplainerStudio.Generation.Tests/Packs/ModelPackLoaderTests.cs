using ExplainerStudio.Generation.OnnxFormat;
using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Packs;

public sealed class ModelPackLoaderTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly OnnxRuntime _runtime = new(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });
    private readonly ModelPackLoader _loader;

    public ModelPackLoaderTests()
    {
        _loader = new ModelPackLoader(_runtime);
    }

    public void Dispose()
    {
        _runtime.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void CompletePack_LoadsWithWhatItsGraphsTake()
    {
        string directory = TestPacks.Write(_folder.File("tiny"));

        ModelPackReport report = _loader.Inspect(directory);

        ModelPack pack = Assert.IsType<ModelPack>(report.Pack, exactMatch: true);
        Assert.Empty(report.Problems);
        Assert.Equal("tiny", pack.Id);
        Assert.Equal(ModelPackKind.Custom, pack.Kind);
        Assert.Equal(8, pack.TextHiddenSize);
        Assert.Equal(4, pack.LatentChannels);
        Assert.Equal(77, pack.TextEncoder.SequenceLength);
        Assert.Equal(TensorElementType.Int64, pack.TextEncoder.InputIdsType);
        Assert.Equal(TensorElementType.Int64, pack.Unet.TimestepType);
        Assert.Equal(1, pack.Unet.TimestepRank);
        Assert.False(pack.Unet.TimestepIsBatched);
        Assert.False(pack.IsFloat16);
        Assert.Equal(VaeEncoderOutput.LatentSample, pack.VaeEncoder.Output);
        Assert.Equal(0.18215f, pack.VaeDecoder.ScalingFactor);
        Assert.Null(pack.ImageEncoder);
        Assert.False(pack.AcceptsImageTokens);
        Assert.Equal(0, pack.RequiredImageTokens);
        Assert.Equal(77, pack.Tokenizer.MaxLength);
        Assert.Equal(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), pack.SizeBytes);
        Assert.Matches("^[0-9a-f]{64}$", pack.ContentHash);
    }

    [Theory]
    [InlineData(768, "runwayml/stable-diffusion-v1-5", ModelPackKind.StableDiffusion1)]
    [InlineData(1024, "stabilityai/stable-diffusion-2-1-base", ModelPackKind.StableDiffusion2)]
    [InlineData(1024, "stabilityai/sd-turbo", ModelPackKind.Turbo)]
    public void TextHiddenSize_TellsTheModelFamily(int hiddenSize, string source, ModelPackKind expected)
    {
        string directory = TestPacks.Write(_folder.File("family"), new TestPackSpec { HiddenSize = hiddenSize, NameOrPath = source, InputIdsType = OnnxElementType.Int32 });

        ModelPack pack = _loader.Inspect(directory).Pack!;

        Assert.Equal(expected, pack.Kind);
        Assert.Equal(hiddenSize, pack.TextHiddenSize);
        Assert.Equal(TensorElementType.Int32, pack.TextEncoder.InputIdsType);
    }

    [Fact]
    public void UnetWithTimestepCond_IsALatentConsistencyModel()
    {
        string directory = TestPacks.Write(_folder.File("lcm"), new TestPackSpec { HiddenSize = 768, LatentConsistency = true });

        ModelPack pack = _loader.Inspect(directory).Pack!;

        Assert.Equal(ModelPackKind.LatentConsistency, pack.Kind);
        Assert.Equal(256, pack.Unet.TimestepCondSize);
        Assert.Equal(4, pack.DefaultSteps);
    }

    [Fact]
    public void HalfPrecisionPack_WithScalarFloatTimestepAndLatentParameters_IsDetected()
    {
        string directory = TestPacks.Write(_folder.File("fp16"), new TestPackSpec
        {
            Float16 = true,
            ScalarTimestep = true,
            TimestepType = OnnxElementType.Float16,
            LatentParameters = true,
        });

        ModelPack pack = _loader.Inspect(directory).Pack!;

        Assert.True(pack.IsFloat16);
        Assert.Equal(TensorElementType.Float16, pack.TextEncoder.OutputType);
        Assert.Equal(TensorElementType.Float16, pack.Unet.TimestepType);
        Assert.Equal(0, pack.Unet.TimestepRank);
        Assert.Equal(VaeEncoderOutput.LatentParameters, pack.VaeEncoder.Output);
        Assert.Equal("latent_parameters", pack.VaeEncoder.OutputName);
        Assert.Equal(4, pack.LatentChannels);
        Assert.Contains("fp16", pack.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void DynamicTokenDimension_WithAnImageEncoder_SupportsImageTokens()
    {
        string directory = TestPacks.Write(_folder.File("ip"), new TestPackSpec { UnetSequence = OnnxDim.Symbolic("tokens"), ImageEncoder = true, ImageEmbeddingSize = 16 });

        ModelPack pack = _loader.Inspect(directory).Pack!;

        Assert.True(pack.AcceptsImageTokens);
        Assert.Null(pack.RequiredImageTokens);
        Assert.True(pack.SupportsImageConditioning);
        Assert.Equal("pixel_values", pack.ImageEncoder!.InputName);
        Assert.Equal(224, pack.ImageEncoder.InputHeight);
        Assert.Equal(16, pack.ImageEncoder.EmbeddingSize);
        Assert.Equal(2, pack.ImageEncoder.TokensPerImage);
    }

    [Fact]
    public void ImageEncoderWithATokenOutput_FeedsThatOutputToTheUnet()
    {
        string directory = TestPacks.Write(_folder.File("ip-tokens"), new TestPackSpec { UnetSequence = OnnxDim.Symbolic("tokens"), ImageEncoder = true, ImageEmbeddingSize = 5, ImageTokens = 3 });

        ImageEncoderModel encoder = _loader.Inspect(directory).Pack!.ImageEncoder!;

        Assert.Equal("image_embeds", encoder.OutputName);
        Assert.Equal(5, encoder.EmbeddingSize);
        Assert.Equal("image_tokens", encoder.TokensOutputName);
        Assert.Equal(3, encoder.TokensPerImage);
    }

    [Fact]
    public void FixedLongerTokenDimension_RequiresImageTokens_AndNotesAMissingImageEncoder()
    {
        string directory = TestPacks.Write(_folder.File("ip-fixed"), new TestPackSpec { UnetSequence = 81 });

        ModelPackReport report = _loader.Inspect(directory);

        Assert.True(report.IsUsable);
        Assert.Equal(4, report.Pack!.RequiredImageTokens);
        Assert.Contains(report.Notes, n => n.Contains("takes 4 image tokens after the text tokens", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingModelFile_IsReportedByName()
    {
        string directory = TestPacks.Write(_folder.File("broken"));
        File.Delete(Path.Combine(directory, "unet", "model.onnx"));

        ModelPackReport report = _loader.Inspect(directory);

        Assert.False(report.IsUsable);
        Assert.Contains("It has no unet/model.onnx.", report.Problems);
        Assert.StartsWith("Model pack 'broken' cannot be used:", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableOnnx_IsReportedWithTheFileAndOrtsReason()
    {
        string directory = TestPacks.Write(_folder.File("garbage"));
        File.WriteAllBytes(Path.Combine(directory, "vae_decoder", "model.onnx"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        ModelPackReport report = _loader.Inspect(directory);

        string problem = Assert.Single(report.Problems);
        Assert.StartsWith("vae_decoder/model.onnx could not be loaded:", problem, StringComparison.Ordinal);
        Assert.Contains("is not a valid ONNX model", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongInputName_IsReportedWithWhatWasExpected()
    {
        string directory = TestPacks.Write(_folder.File("renamed"), new TestPackSpec { UnetSampleName = "latents" });

        ModelPackReport report = _loader.Inspect(directory);

        Assert.Equal(
            ["unet/model.onnx has no input 'sample': expected inputs sample, timestep, encoder_hidden_states (optionally timestep_cond); it has latents, timestep, encoder_hidden_states."],
            report.Problems);
    }

    [Fact]
    public void LatentChannelMismatch_IsReported()
    {
        string directory = TestPacks.Write(_folder.File("channels"), new TestPackSpec { DecoderLatentChannels = 8 });

        ModelPackReport report = _loader.Inspect(directory);

        string problem = Assert.Single(report.Problems);
        Assert.StartsWith("Latent channels do not match: unet/model.onnx 'sample' has 4, vae_encoder/model.onnx makes 4, vae_decoder/model.onnx 'latent_sample' has 8.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TextHiddenSizeMismatch_IsReported()
    {
        string directory = TestPacks.Write(_folder.File("hidden"), new TestPackSpec { HiddenSize = 768, UnetHiddenSize = 1024 });

        ModelPackReport report = _loader.Inspect(directory);

        string problem = Assert.Single(report.Problems);
        Assert.StartsWith("Text hidden size does not match: text_encoder/model.onnx returns 768-wide token embeddings but unet/model.onnx expects 1024", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingIndexAndTokenizer_AreBothReported()
    {
        string directory = TestPacks.Write(_folder.File("bare"));
        File.Delete(Path.Combine(directory, "model_index.json"));
        File.Delete(Path.Combine(directory, "tokenizer", "merges.txt"));

        ModelPackReport report = _loader.Inspect(directory);

        Assert.Equal(2, report.Problems.Count);
        Assert.Contains("It has no model_index.json (the diffusers pipeline index).", report.Problems);
        Assert.Contains(report.Problems, p => p.Contains("merges.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void UnusableSchedulerConfig_IsReported()
    {
        string directory = TestPacks.Write(_folder.File("scheduler"));
        File.WriteAllText(Path.Combine(directory, "scheduler", "scheduler_config.json"), "{\"_class_name\": \"EulerDiscreteScheduler\", \"beta_schedule\": \"wavy\"}");

        ModelPackReport report = _loader.Inspect(directory);

        string problem = Assert.Single(report.Problems);
        Assert.Contains("scheduler_config.json", problem, StringComparison.Ordinal);
        Assert.Contains("beta_schedule", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_KeepsGoodPacksAndReportsBadOnes()
    {
        string models = _folder.File("models");
        TestPacks.Write(Path.Combine(models, "good"));
        TestPacks.Write(Path.Combine(models, "bad"), new TestPackSpec { UnetSampleName = "x" });
        Directory.CreateDirectory(Path.Combine(models, ".hidden"));

        ModelPackCatalog catalog = _loader.LoadAll(models);

        Assert.Equal(["bad", "good"], catalog.Reports.Select(r => r.Id));
        Assert.Equal("good", Assert.Single(catalog.Packs).Id);
        Assert.Same(catalog.Packs[0], catalog.Get("good"));
        Assert.Null(catalog.Find("bad"));
        var unusable = Assert.Throws<ModelPackException>(() => catalog.Get("bad"));
        Assert.Contains("unet/model.onnx has no input 'sample'", unusable.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ModelPackException>(() => catalog.Get("sd15"));
        Assert.EndsWith("Usable packs: good.", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelsFolder_GivesAnEmptyCatalog()
    {
        ModelPackCatalog catalog = _loader.LoadAll(_folder.File("no-models-here"));

        Assert.Empty(catalog.Reports);
    }

    [Fact]
    public void ContentHash_FollowsContentNotFolderName()
    {
        string first = TestPacks.Write(_folder.File("a"));
        string second = TestPacks.Write(_folder.File("b"));
        string firstHash = _loader.Inspect(first).Pack!.ContentHash;

        string sameContentHash = _loader.Inspect(second).Pack!.ContentHash;
        File.AppendAllText(Path.Combine(second, "scheduler", "scheduler_config.json"), " ");
        string changedHash = _loader.Inspect(second).Pack!.ContentHash;

        Assert.Equal(firstHash, sameContentHash);
        Assert.NotEqual(firstHash, changedHash);
    }
}
