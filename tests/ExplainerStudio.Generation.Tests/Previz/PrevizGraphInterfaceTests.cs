using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;

namespace ExplainerStudio.Generation.Tests.Previz;

[Collection(PrevizPackCollection.Name)]
public sealed class PrevizGraphInterfaceTests(PrevizPackFixture pack)
{
    private const long Dynamic = -1;

    [Fact]
    public void TextEncoder_TakesInt32IdsAndReturnsLastHiddenState()
    {
        ModelSession session = pack.Session("text_encoder");

        AssertSignature(session.Inputs, ("input_ids", TensorElementType.Int32, [Dynamic, 77]));
        AssertSignature(session.Outputs, ("last_hidden_state", TensorElementType.Float, [Dynamic, 77, 64]));
    }

    [Fact]
    public void UNet_TakesSampleFloatTimestepAndAnyNumberOfTokens()
    {
        ModelSession session = pack.Session("unet");

        AssertSignature(
            session.Inputs,
            ("sample", TensorElementType.Float, [Dynamic, 4, Dynamic, Dynamic]),
            ("timestep", TensorElementType.Float, [Dynamic]),
            ("encoder_hidden_states", TensorElementType.Float, [Dynamic, Dynamic, 64]));
        AssertSignature(session.Outputs, ("out_sample", TensorElementType.Float, [Dynamic, 4, Dynamic, Dynamic]));
    }

    [Fact]
    public void VaeEncoder_ReturnsLatentSample()
    {
        ModelSession session = pack.Session("vae_encoder");

        AssertSignature(session.Inputs, ("sample", TensorElementType.Float, [Dynamic, 3, Dynamic, Dynamic]));
        AssertSignature(session.Outputs, ("latent_sample", TensorElementType.Float, [Dynamic, 4, Dynamic, Dynamic]));
    }

    [Fact]
    public void VaeDecoder_TakesLatentSample()
    {
        ModelSession session = pack.Session("vae_decoder");

        AssertSignature(session.Inputs, ("latent_sample", TensorElementType.Float, [Dynamic, 4, Dynamic, Dynamic]));
        AssertSignature(session.Outputs, ("sample", TensorElementType.Float, [Dynamic, 3, Dynamic, Dynamic]));
    }

    [Fact]
    public void ImageEncoder_ReturnsEmbeddingsAndTokens()
    {
        ModelSession session = pack.Session("image_encoder");

        AssertSignature(session.Inputs, ("pixel_values", TensorElementType.Float, [Dynamic, 3, 224, 224]));
        AssertSignature(
            session.Outputs,
            ("image_embeds", TensorElementType.Float, [Dynamic, 96]),
            ("image_tokens", TensorElementType.Float, [Dynamic, 4, 64]));
    }

    [Fact]
    public void PackInspection_AcceptsThePackAsPreviz()
    {
        var report = new ModelPackLoader(pack.Runtime).Inspect(pack.PackPath);

        Assert.True(report.IsUsable, report.Summary);
        Assert.Empty(report.Problems);
        Assert.Equal(ModelPackKind.Previz, report.Pack!.Kind);
        Assert.True(report.Pack.AcceptsImageTokens);
    }

    private static void AssertSignature(IReadOnlyList<TensorMetadata> actual, params (string Name, TensorElementType Type, long[] Shape)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Name), actual.Select(a => a.Name));
        foreach (((string name, TensorElementType type, long[] shape), TensorMetadata metadata) in expected.Zip(actual))
        {
            Assert.Equal(type, metadata.ElementType);
            Assert.Equal(shape, metadata.Shape.Select(d => d < 0 ? Dynamic : d));
        }
    }
}
