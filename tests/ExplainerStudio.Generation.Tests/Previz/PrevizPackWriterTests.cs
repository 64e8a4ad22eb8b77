using ExplainerStudio.Generation.Previz;
using ExplainerStudio.Generation.Tests.Runtime;

namespace ExplainerStudio.Generation.Tests.Previz;

public sealed class PrevizPackWriterTests
{
    private const string RegenerateHint =
        "Regenerate the committed pack with PrevizPackWriter.Write(\"models/previz\") and commit it together with the generator change.";

    [Fact]
    public void CommittedPack_IsByteForByteWhatTheGeneratorWrites()
    {
        string committed = RepositoryPaths.PrevizPack();

        foreach (PrevizPackFile file in PrevizPackWriter.GenerateFiles())
        {
            string path = Path.Combine(committed, file.RelativePath);
            Assert.True(File.Exists(path), $"models/previz/{file.RelativePath} is missing. {RegenerateHint}");
            Assert.True(file.Content.Span.SequenceEqual(File.ReadAllBytes(path)), $"models/previz/{file.RelativePath} differs from the generator's output. {RegenerateHint}");
        }
    }

    [Fact]
    public void CommittedPack_HoldsOnlyGeneratedFilesAndItsReadme()
    {
        string committed = RepositoryPaths.PrevizPack();
        var expected = PrevizPackWriter.GenerateFiles().Select(f => f.RelativePath)
            .Append("README.md")
            .Append(".gitattributes")
            .Order(StringComparer.Ordinal);

        var actual = Directory.EnumerateFiles(committed, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(committed, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Generator_GivesIdenticalBytesEveryTime()
    {
        var first = PrevizPackWriter.GenerateFiles();
        var second = PrevizPackWriter.GenerateFiles();

        Assert.Equal(first.Select(f => f.RelativePath), second.Select(f => f.RelativePath));
        Assert.All(first.Zip(second), pair => Assert.True(pair.First.Content.Span.SequenceEqual(pair.Second.Content.Span), pair.First.RelativePath));
    }

    [Fact]
    public void Write_LaysOutTheDiffusersOnnxFolders()
    {
        using var folder = new TempDirectory();

        PrevizPackWriter.Write(folder.Path);

        string[] required =
        [
            "model_index.json", "scheduler/scheduler_config.json", "tokenizer/vocab.json", "tokenizer/merges.txt",
            "tokenizer/special_tokens_map.json", "tokenizer/tokenizer_config.json", "text_encoder/model.onnx",
            "unet/model.onnx", "vae_encoder/model.onnx", "vae_decoder/model.onnx", "vae_decoder/config.json",
            "image_encoder/model.onnx",
        ];
        Assert.All(required, file => Assert.True(File.Exists(folder.File(file)), file));
    }

    [Fact]
    public void Pack_StaysSmall()
    {
        long total = PrevizPackWriter.GenerateFiles().Sum(f => (long)f.Content.Length);

        Assert.InRange(total, 1, 2L * 1024 * 1024);
    }
}
