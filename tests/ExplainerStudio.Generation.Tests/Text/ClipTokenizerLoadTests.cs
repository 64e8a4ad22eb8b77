using ExplainerStudio.Generation.Text;

namespace ExplainerStudio.Generation.Tests.Text;

public sealed class ClipTokenizerLoadTests : IDisposable
{
    private static readonly SmallClipVocabulary Vocabulary = new(("h", "e"), ("he", "y</w>"));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "es-tokenizer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Load_ReadsVocabularyAndMergesWithVersionHeader()
    {
        Vocabulary.WriteTo(_directory);

        ClipTokenizer tokenizer = ClipTokenizer.Load(_directory);

        Assert.Equal([Vocabulary["hey</w>"]], tokenizer.Tokenize("hey"));
        Assert.Equal(Vocabulary.Vocabulary.Count, tokenizer.VocabularySize);
        Assert.Equal(77, tokenizer.MaxLength);
        Assert.Equal(Vocabulary.Eos, tokenizer.PadId);
    }

    [Fact]
    public void Load_SpecialTokensMapOverridesTokenizerConfig()
    {
        Vocabulary.WriteTo(_directory);
        File.WriteAllText(
            Path.Combine(_directory, "tokenizer_config.json"),
            """{"pad_token": "<|endoftext|>", "model_max_length": 77, "bos_token": {"content": "<|startoftext|>", "lstrip": false}}""");
        File.WriteAllText(
            Path.Combine(_directory, "special_tokens_map.json"),
            """{"pad_token": {"content": "!", "normalized": false}, "unk_token": "<|endoftext|>"}""");

        ClipTokenizer tokenizer = ClipTokenizer.Load(_directory);

        Assert.Equal(0, tokenizer.PadId);
        Assert.Equal(Vocabulary.Bos, tokenizer.BosId);
        Assert.Equal(0, tokenizer.Encode("hey")[^1]);
    }

    [Fact]
    public void Load_TreatsHuggingFaceUnsetMaxLengthAs77AndHonoursASmallerOne()
    {
        Vocabulary.WriteTo(_directory);
        string config = Path.Combine(_directory, "tokenizer_config.json");

        File.WriteAllText(config, """{"model_max_length": 1000000000000000019884624838656}""");
        Assert.Equal(77, ClipTokenizer.Load(_directory).MaxLength);

        File.WriteAllText(config, """{"model_max_length": 16}""");
        ClipTokenizer shortTokenizer = ClipTokenizer.Load(_directory);
        Assert.Equal(16, shortTokenizer.Encode("hey").Length);
        Assert.Equal(14, shortTokenizer.MaxContentTokens);
    }

    [Fact]
    public void Load_MissingFolderSaysSo()
    {
        TokenizerLoadException error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.Load(_directory));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(_directory, error.Path);
    }

    [Fact]
    public void Load_MissingMergesNamesTheFile()
    {
        Vocabulary.WriteTo(_directory);
        string merges = Path.Combine(_directory, "merges.txt");
        File.Delete(merges);

        TokenizerLoadException error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.Load(_directory));

        Assert.Equal(merges, error.Path);
        Assert.Contains("merges.txt' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GarbledVocabularyIsReportedAsNotJson()
    {
        Vocabulary.WriteTo(_directory);
        File.WriteAllText(Path.Combine(_directory, "vocab.json"), "{\"a\": \"not a number\"");

        TokenizerLoadException error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.Load(_directory));

        Assert.EndsWith("vocab.json", error.Path, StringComparison.Ordinal);
        Assert.Contains("not a JSON object of token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedMergeLineIsReportedWithItsLineNumber()
    {
        Vocabulary.WriteTo(_directory);
        File.WriteAllText(Path.Combine(_directory, "merges.txt"), "#version: 0.2\nh e\nthree part line\n");

        TokenizerLoadException error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.Load(_directory));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SpecialTokenAbsentFromVocabularyIsReported()
    {
        Vocabulary.WriteTo(_directory);
        File.WriteAllText(Path.Combine(_directory, "special_tokens_map.json"), """{"pad_token": "<pad>"}""");

        TokenizerLoadException error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.Load(_directory));

        Assert.Contains("pad token '<pad>' is not in the vocabulary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SpecialTokenOfWrongJsonShapeIsReported()
    {
        Vocabulary.WriteTo(_directory);
        File.WriteAllText(Path.Combine(_directory, "tokenizer_config.json"), """{"eos_token": 5}""");

        TokenizerLoadException error = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.Load(_directory));

        Assert.Contains("\"eos_token\" must be a string", error.Message, StringComparison.Ordinal);
    }
}
