namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// Generates the embedded <c>previz</c> model pack: ONNX graphs with designed (not learned) weights in the
/// diffusers/Optimum layout, which render a stylised animatic of a shot's layout through the same pipeline as a
/// real Stable Diffusion pack. The output is byte-for-byte deterministic on every platform; the committed copy
/// under <c>models/previz</c> is checked against it by the tests. models/previz/README.md describes the design.
/// </summary>
public static class PrevizPackWriter
{
    /// <summary>The pack's folder name under <c>models/</c>.</summary>
    public const string PackName = "previz";

    /// <summary>
    /// Writes (or overwrites) every generated file of the pack into <paramref name="packDirectory"/>, creating
    /// folders as needed. Files the generator does not produce (such as the hand-written README.md) are left
    /// alone. To regenerate the committed pack, point it at <c>models/previz</c> in the repository.
    /// </summary>
    public static void Write(string packDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packDirectory);
        foreach (PrevizPackFile file in GenerateFiles())
        {
            string path = Path.Combine(packDirectory, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content.ToArray());
        }
    }

    /// <summary>Every generated file of the pack, in a fixed order.</summary>
    public static IReadOnlyList<PrevizPackFile> GenerateFiles()
    {
        PrevizTokenizer tokenizer = PrevizTokenizer.Instance;
        return
        [
            new("model_index.json", PrevizPackConfig.ModelIndexJson()),
            new("scheduler/scheduler_config.json", PrevizPackConfig.SchedulerConfigJson()),
            new("tokenizer/vocab.json", tokenizer.VocabJson()),
            new("tokenizer/merges.txt", tokenizer.MergesText()),
            new("tokenizer/special_tokens_map.json", PrevizTokenizer.SpecialTokensMapJson()),
            new("tokenizer/tokenizer_config.json", PrevizTokenizer.TokenizerConfigJson()),
            new("text_encoder/model.onnx", PrevizTextEncoder.Build(tokenizer)),
            new("unet/model.onnx", PrevizUNet.Build()),
            new("vae_encoder/config.json", PrevizPackConfig.VaeConfigJson()),
            new("vae_encoder/model.onnx", PrevizVae.BuildEncoder()),
            new("vae_decoder/config.json", PrevizPackConfig.VaeConfigJson()),
            new("vae_decoder/model.onnx", PrevizVae.BuildDecoder()),
            new("image_encoder/model.onnx", PrevizImageEncoder.Build()),
        ];
    }
}
