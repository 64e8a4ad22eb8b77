using ExplainerStudio.Generation.Previz;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Generation.Tests.Runtime;
using ExplainerStudio.Generation.Text;

namespace ExplainerStudio.Generation.Tests.Previz;

/// <summary>
/// A freshly generated previz pack in a temp folder with ONNX Runtime sessions over it, shared by the previz
/// tests (generation takes well under a second; the committed copy is compared with it separately).
/// </summary>
public sealed class PrevizPackFixture : IDisposable
{
    private readonly TempDirectory _folder = new();

    public PrevizPackFixture()
    {
        // Named like the committed pack, because pack inspection takes the folder name as the pack id.
        PackPath = _folder.File(PrevizPackWriter.PackName);
        PrevizPackWriter.Write(PackPath);
        Runtime = new OnnxRuntime(new OnnxRuntimeOptions { ExecutionProvider = ExecutionProviderKind.Cpu, IntraOpThreads = 1 });
        Tokenizer = ClipTokenizer.Load(Path.Combine(PackPath, "tokenizer"));
    }

    public string PackPath { get; }

    public OnnxRuntime Runtime { get; }

    public ClipTokenizer Tokenizer { get; }

    public ModelSession Session(string component) => Runtime.GetSession(Path.Combine(PackPath, component, "model.onnx"));

    /// <summary>Image [batch,3,h,w] in [-1,1] → latents [batch,4,h/8,w/8] (unscaled, as the encoder returns them).</summary>
    public float[] Encode(float[] image, int batch, int height, int width) =>
        Run("vae_encoder", "latent_sample", ("sample", new DenseTensor<float>(image, batch, 3, height, width)));

    public float[] Decode(float[] latents, int batch, int latentHeight, int latentWidth) =>
        Run("vae_decoder", "sample", ("latent_sample", new DenseTensor<float>(latents, batch, 4, latentHeight, latentWidth)));

    public float[] EncodeText(params string[] prompts)
    {
        var ids = new int[prompts.Length * 77];
        for (int i = 0; i < prompts.Length; i++)
        {
            Tokenizer.Encode(prompts[i], ids.AsSpan(i * 77, 77));
        }

        return Run("text_encoder", "last_hidden_state", ("input_ids", new DenseTensor<int>(ids, prompts.Length, 77)));
    }

    public float[] PredictNoise(float[] sample, int batch, int latentHeight, int latentWidth, float[] timesteps, float[] hiddenStates, int sequence) =>
        Run(
            "unet",
            "out_sample",
            ("sample", new DenseTensor<float>(sample, batch, 4, latentHeight, latentWidth)),
            ("timestep", new DenseTensor<float>(timesteps, timesteps.Length)),
            ("encoder_hidden_states", new DenseTensor<float>(hiddenStates, hiddenStates.Length / (sequence * 64), sequence, 64)));

    public IReadOnlyDictionary<string, DenseTensor> EncodeImage(float[] pixelValues, int batch) =>
        Session("image_encoder").Run(new Dictionary<string, DenseTensor> { ["pixel_values"] = new DenseTensor<float>(pixelValues, batch, 3, 224, 224) });

    public void Dispose()
    {
        Runtime.Dispose();
        _folder.Dispose();
    }

    private float[] Run(string component, string output, params (string Name, DenseTensor Tensor)[] inputs)
    {
        var feeds = inputs.ToDictionary(i => i.Name, i => i.Tensor);
        return Session(component).Run(feeds, [output])[output].As<float>().Span.ToArray();
    }
}
