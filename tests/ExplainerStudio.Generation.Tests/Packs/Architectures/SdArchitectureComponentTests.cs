using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Packs.Architectures;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Packs.Architectures;

/// <summary>The generated SD 1.x components, run one at a time through real ONNX Runtime sessions.</summary>
public sealed class SdArchitectureComponentTests : IClassFixture<GeneratedTinySdPack>
{
    private const int Sequence = 77;
    private const int Hidden = 32;
    private readonly GeneratedTinySdPack _tiny;

    public SdArchitectureComponentTests(GeneratedTinySdPack tiny)
    {
        _tiny = tiny;
    }

    [Fact]
    public void Pack_LoadsWithOptimumNamesTypesAndShapes()
    {
        Assert.True(_tiny.Report.IsUsable, _tiny.Report.Summary);
        ModelPack pack = _tiny.Pack;

        Assert.Equal(ModelPackKind.Custom, pack.Kind);
        Assert.Equal(TensorElementType.Int32, pack.TextEncoder.InputIdsType);
        Assert.Equal(Sequence, pack.TextEncoder.SequenceLength);
        Assert.Equal(Hidden, pack.TextEncoder.HiddenSize);
        Assert.Equal(4, pack.Unet.LatentChannels);
        Assert.Equal(TensorElementType.Int64, pack.Unet.TimestepType);
        Assert.True(pack.Unet.TimestepIsBatched);
        Assert.Equal(Hidden, pack.Unet.HiddenSize);
        Assert.Null(pack.Unet.SequenceLength);
        Assert.Equal(VaeEncoderOutput.LatentParameters, pack.VaeEncoder.Output);
        Assert.Equal(0.18215f, pack.VaeDecoder.ScalingFactor, 5);
        Assert.Equal("PNDMScheduler", pack.Scheduler.ClassName);
        Assert.True(_tiny.Session("text_encoder").HasOutput("pooler_output"));
    }

    [Fact]
    public void TextEncoder_IsCausal_NormalisedAndPoolsAtEndOfText()
    {
        int[] first = _tiny.Pack.Tokenizer.Encode("a presenter in a red jacket beside a whiteboard");
        int[] second = (int[])first.Clone();
        second[5] = first[2];
        Assert.NotEqual(first[5], second[5]);

        (float[] hiddenA, float[] pooledA) = Encode(first);
        (float[] hiddenB, _) = Encode(second);

        Assert.True(TensorStats.AllFinite(hiddenA));
        Assert.InRange(TensorStats.StandardDeviation(hiddenA), 0.5, 2.0);
        Assert.Equal(hiddenA.AsSpan(0, 5 * Hidden).ToArray(), hiddenB.AsSpan(0, 5 * Hidden).ToArray());
        Assert.NotEqual(hiddenA.AsSpan(5 * Hidden, Hidden).ToArray(), hiddenB.AsSpan(5 * Hidden, Hidden).ToArray());

        int eos = Array.IndexOf(first, first.Max());
        Assert.Equal(hiddenA.AsSpan(eos * Hidden, Hidden).ToArray(), pooledA);
    }

    [Fact]
    public void Unet_KeepsTheLatentShapeAtUnitScale_AndListensToTextAndTime()
    {
        float[] sample = TensorStats.Noise(2 * 4 * 8 * 12, seed: 1);
        float[] context = TensorStats.Noise(2 * Sequence * Hidden, seed: 2);
        float[] otherContext = TensorStats.Noise(2 * Sequence * Hidden, seed: 3);

        float[] output = RunUnet(sample, 500, context, out IReadOnlyList<long> shape);
        float[] otherText = RunUnet(sample, 500, otherContext, out _);
        float[] otherTime = RunUnet(sample, 20, context, out _);

        Assert.Equal([2L, 4, 8, 12], shape);
        Assert.True(TensorStats.AllFinite(output));
        Assert.InRange(TensorStats.StandardDeviation(output), 0.1, 10.0);
        Assert.NotEqual(output, otherText);
        Assert.NotEqual(output, otherTime);
    }

    [Fact]
    public void Vae_EncodesByEightAndDecodesBackToImageSize()
    {
        float[] image = TensorStats.Noise(1 * 3 * 32 * 48, seed: 4);
        IReadOnlyDictionary<string, DenseTensor> encoded = _tiny.Session("vae_encoder").Run(
            new Dictionary<string, DenseTensor> { ["sample"] = new DenseTensor<float>(image, 1, 3, 32, 48) });
        DenseTensor<float> parameters = encoded["latent_parameters"].As<float>();
        Assert.Equal([1L, 8, 4, 6], parameters.Shape);

        float[] latent = parameters.Memory.Span[..(4 * 4 * 6)].ToArray();
        IReadOnlyDictionary<string, DenseTensor> decoded = _tiny.Session("vae_decoder").Run(
            new Dictionary<string, DenseTensor> { ["latent_sample"] = new DenseTensor<float>(latent, 1, 4, 4, 6) });
        DenseTensor<float> pixels = decoded["sample"].As<float>();

        Assert.Equal([1L, 3, 32, 48], pixels.Shape);
        Assert.True(TensorStats.AllFinite(pixels.Memory.Span));
        Assert.InRange(TensorStats.StandardDeviation(pixels.Memory.Span), 0.05, 10.0);
        Assert.InRange(TensorStats.StandardDeviation(parameters.Memory.Span), 0.05, 10.0);
    }

    [Fact]
    public void ExternalWeights_GiveTheSameNetworkAsInlineWeights()
    {
        using var folder = new TempDirectory();
        string pack = folder.File("sd-tiny-external");
        SdArchitecturePackWriter.Write(SdArchitectureConfig.Tiny with { ExternalWeights = true }, pack);
        string unetPath = Path.Combine(pack, "unet", "model.onnx");
        float[] sample = TensorStats.Noise(2 * 4 * 8 * 12, seed: 1);
        float[] context = TensorStats.Noise(2 * Sequence * Hidden, seed: 2);

        float[] inline = RunUnet(sample, 500, context, out _);
        float[] external;
        using (var runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 }))
        {
            external = RunUnet(runtime.GetSession(unetPath), sample, 500, context, out _);
        }

        Assert.True(new FileInfo(Path.Combine(pack, "unet", "model.onnx_data")).Length > new FileInfo(unetPath).Length * 10);
        Assert.Equal(inline, external);
        Assert.False(File.Exists(Path.Combine(_tiny.PackDirectory, "unet", "model.onnx_data")));
    }

    private (float[] Hidden, float[] Pooled) Encode(int[] ids)
    {
        IReadOnlyDictionary<string, DenseTensor> outputs = _tiny.Session("text_encoder").Run(
            new Dictionary<string, DenseTensor> { ["input_ids"] = new DenseTensor<int>(ids, 1, Sequence) });
        DenseTensor<float> hidden = outputs["last_hidden_state"].As<float>();
        DenseTensor<float> pooled = outputs["pooler_output"].As<float>();
        Assert.Equal([1L, Sequence, Hidden], hidden.Shape);
        Assert.Equal([1L, Hidden], pooled.Shape);
        return (hidden.Memory.ToArray(), pooled.Memory.ToArray());
    }

    private float[] RunUnet(float[] sample, long timestep, float[] context, out IReadOnlyList<long> shape) =>
        RunUnet(_tiny.Session("unet"), sample, timestep, context, out shape);

    private static float[] RunUnet(ModelSession session, float[] sample, long timestep, float[] context, out IReadOnlyList<long> shape)
    {
        IReadOnlyDictionary<string, DenseTensor> outputs = session.Run(new Dictionary<string, DenseTensor>
        {
            ["sample"] = new DenseTensor<float>(sample, 2, 4, 8, 12),
            ["timestep"] = new DenseTensor<long>([timestep], 1),
            ["encoder_hidden_states"] = new DenseTensor<float>(context, 2, Sequence, Hidden),
        });
        DenseTensor<float> result = outputs["out_sample"].As<float>();
        shape = result.Shape;
        return result.Memory.ToArray();
    }
}
