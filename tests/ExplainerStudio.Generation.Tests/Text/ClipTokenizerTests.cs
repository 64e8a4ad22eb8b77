using System.Text;
using ExplainerStudio.Generation.Text;

namespace ExplainerStudio.Generation.Tests.Text;

public sealed class ClipTokenizerTests
{
    private static readonly SmallClipVocabulary Hello = new(
        ("h", "e"),
        ("l", "l"),
        ("he", "ll"),
        ("hell", "o</w>"),
        ("w", "o"),
        ("wo", "r"),
        ("wor", "l"),
        ("worl", "d</w>"),
        ("2", "0</w>"),
        ("Ã", "©</w>"));

    [Fact]
    public void Encode_MergesByRankIntoWholeWords()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        IReadOnlyList<int> ids = tokenizer.Tokenize("hello world");

        Assert.Equal([Hello["hello</w>"], Hello["world</w>"]], ids);
    }

    [Fact]
    public void Encode_EndOfWordMarkerBlocksMergesThatOnlyExistMidWord()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        // "hell" ends in "l</w>", so the ("l","l") merge cannot join its last two letters.
        IReadOnlyList<int> ids = tokenizer.Tokenize("hell");

        Assert.Equal([Hello["he"], Hello["l"], Hello["l</w>"]], ids);
    }

    [Fact]
    public void Encode_SingleCharacterWordGetsEndOfWordSymbol()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        Assert.Equal([Hello["a</w>"]], tokenizer.Tokenize("a"));
    }

    [Fact]
    public void Encode_EmptyPromptIsBosEosThenPadding()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        int[] ids = tokenizer.Encode("");

        Assert.Equal(77, ids.Length);
        Assert.Equal(Hello.Bos, ids[0]);
        Assert.All(ids.Skip(1), id => Assert.Equal(Hello.Eos, id));
    }

    [Fact]
    public void Encode_PlacesContentBetweenBosAndEosAndPadsWithEosByDefault()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        int[] ids = tokenizer.Encode("hello world");

        Assert.Equal([Hello.Bos, Hello["hello</w>"], Hello["world</w>"], Hello.Eos], ids[..4]);
        Assert.All(ids[4..], id => Assert.Equal(Hello.Eos, id));
        Assert.Equal(Hello.Bos, tokenizer.BosId);
        Assert.Equal(Hello.Eos, tokenizer.EosId);
        Assert.Equal(Hello.Eos, tokenizer.PadId);
        Assert.Equal(Hello.Eos, tokenizer.UnkId);
    }

    [Fact]
    public void Encode_PadsWithExclamationMarkIdZeroForSd2Tokenizers()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer(ClipSpecialTokens.Default with { Pad = "!" });

        int[] ids = tokenizer.Encode("hello");

        Assert.Equal(0, tokenizer.PadId);
        Assert.Equal([Hello.Bos, Hello["hello</w>"], Hello.Eos], ids[..3]);
        Assert.All(ids[3..], id => Assert.Equal(0, id));
    }

    [Fact]
    public void Encode_TruncatesContentTo75TokensAndStillEndsWithEos()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();
        string prompt = string.Join(' ', Enumerable.Repeat("hello", 100));

        int[] ids = tokenizer.Encode(prompt);

        Assert.Equal(100, tokenizer.CountTokens(prompt));
        Assert.Equal(75, tokenizer.MaxContentTokens);
        Assert.Equal(77, ids.Length);
        Assert.Equal(Hello.Bos, ids[0]);
        Assert.All(ids[1..76], id => Assert.Equal(Hello["hello</w>"], id));
        Assert.Equal(Hello.Eos, ids[76]);
    }

    [Fact]
    public void Encode_ExactlyFullContentLeavesNoPadding()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer(ClipSpecialTokens.Default with { Pad = "!" });
        string prompt = string.Join(' ', Enumerable.Repeat("hello", 75));

        int[] ids = tokenizer.Encode(prompt);

        Assert.Equal(Hello.Eos, ids[76]);
        Assert.DoesNotContain(0, ids);
    }

    [Fact]
    public void Encode_EachDigitIsItsOwnToken()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        // The ("2","0</w>") merge exists but never applies: "2" and "0" are separate pre-tokens.
        IReadOnlyList<int> ids = tokenizer.Tokenize("2024");

        Assert.Equal([Hello["2</w>"], Hello["0</w>"], Hello["2</w>"], Hello["4</w>"]], ids);
    }

    [Fact]
    public void Encode_SplitsPunctuationRunsAndContractions()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        IReadOnlyList<int> ids = tokenizer.Tokenize("it's hello,world!!");

        int[] expected =
        [
            Hello["i"], Hello["t</w>"],
            Hello["'"], Hello["s</w>"],
            Hello["hello</w>"],
            Hello[",</w>"],
            Hello["world</w>"],
            Hello["!"], Hello["!</w>"],
        ];
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void Encode_MapsUtf8BytesThroughTheByteAlphabet()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        // é is C3 A9: two printable Latin-1 bytes that map to themselves, joined by the ("Ã","©</w>") merge.
        Assert.Equal([Hello["Ã©</w>"]], tokenizer.Tokenize("é"));

        // 😀 is F0 9F 98 80; the last three bytes are not printable and shift to U+0100 + n.
        byte[] bytes = Encoding.UTF8.GetBytes("😀");
        int[] expected =
        [
            Hello[SmallClipVocabulary.ByteSymbol(bytes[0])],
            Hello[SmallClipVocabulary.ByteSymbol(bytes[1])],
            Hello[SmallClipVocabulary.ByteSymbol(bytes[2])],
            Hello[SmallClipVocabulary.ByteSymbol(bytes[3]) + "</w>"],
        ];
        Assert.Equal(expected, tokenizer.Tokenize("😀"));
        Assert.Equal("\u0121", SmallClipVocabulary.ByteSymbol(0x7F));
        Assert.Equal("\u0143", SmallClipVocabulary.ByteSymbol(0xAD));
        Assert.Equal("\u0100", SmallClipVocabulary.ByteSymbol(0x00));
    }

    [Fact]
    public void Encode_NormalizesWhitespaceCaseAndCompositionFirst()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        Assert.Equal("hello world é", ClipTokenizer.Normalize("  HeLLo \t\n WORLD e\u0301 "));
        Assert.Equal(tokenizer.Encode("hello world"), tokenizer.Encode("\tHELLO   World\n"));
        Assert.Equal(tokenizer.Tokenize("é"), tokenizer.Tokenize("E\u0301"));
    }

    [Fact]
    public void Encode_CleansPastedTextAsTheReferenceDoes()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        Assert.Equal(tokenizer.Encode("\"hello\" world"), tokenizer.Encode("\u201CHello\u201D &amp;nbsp;\uFF37\uFF4F\uFF52\uFF4C\uFF44\u0007"));
    }

    [Fact]
    public void Encode_MapsSpecialTokenTextToItsIdWithoutBpe()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        IReadOnlyList<int> ids = tokenizer.Tokenize("hello<|endoftext|>");

        Assert.Equal([Hello["hello</w>"], Hello.Eos], ids);
    }

    [Fact]
    public void Encode_SymbolMissingFromVocabularyBecomesUnk()
    {
        var vocabulary = new SmallClipVocabulary(merges: [("h", "e</w>")], omit: ["q</w>"]);
        ClipTokenizer tokenizer = vocabulary.Tokenizer();

        IReadOnlyList<int> ids = tokenizer.Tokenize("he q");

        Assert.Equal([vocabulary["he</w>"], vocabulary.Eos], ids);
    }

    [Fact]
    public void Encode_Int64DestinationHoldsTheSameIds()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();
        var wide = new long[77];

        tokenizer.Encode("hello 2 world", wide);

        Assert.Equal(tokenizer.Encode("hello 2 world").Select(id => (long)id), wide);
    }

    [Fact]
    public void Encode_RejectsDestinationOfWrongLength()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();

        Assert.Throws<ArgumentException>(() => tokenizer.Encode("hello", new int[76]));
    }

    [Fact]
    public void Encode_RepeatedWordsGiveTheSameIdsAsFirstTime()
    {
        ClipTokenizer tokenizer = Hello.Tokenizer();
        int[] first = tokenizer.Encode("hello hell world");

        int[] second = tokenizer.Encode("hello hell world");

        Assert.Equal(first, second);
    }

    [Fact]
    public void Constructor_RejectsSpecialTokenMissingFromVocabulary()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => Hello.Tokenizer(ClipSpecialTokens.Default with { Pad = "<pad>" }));

        Assert.Contains("pad token '<pad>'", error.Message, StringComparison.Ordinal);
    }
}
