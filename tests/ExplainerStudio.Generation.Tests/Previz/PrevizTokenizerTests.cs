using ExplainerStudio.Generation.Previz;
using ExplainerStudio.Generation.Text;

namespace ExplainerStudio.Generation.Tests.Previz;

[Collection(PrevizPackCollection.Name)]
public sealed class PrevizTokenizerTests(PrevizPackFixture pack)
{
    [Fact]
    public void SpecialTokens_AreTheLastTwoIds()
    {
        ClipTokenizer tokenizer = pack.Tokenizer;

        Assert.Equal(tokenizer.VocabularySize - 2, tokenizer.BosId);
        Assert.Equal(tokenizer.VocabularySize - 1, tokenizer.EosId);
        Assert.Equal(tokenizer.EosId, tokenizer.PadId);
        Assert.Equal(PrevizTokenizer.Instance.BosId, tokenizer.BosId);
        Assert.Equal(1253, tokenizer.BosId);
        Assert.Equal(77, tokenizer.MaxLength);
    }

    [Fact]
    public void Vocabulary_StartsWithTheByteAlphabetAndItsWordEndVariants()
    {
        IReadOnlyList<string> tokens = PrevizTokenizer.Instance.Tokens;

        Assert.Equal("!", tokens[0]);
        Assert.Equal("Ā", tokens[188]);
        Assert.Equal("!</w>", tokens[256]);
        Assert.Equal(512 + PrevizTokenizer.Instance.Merges.Count + 2, tokens.Count);
    }

    [Fact]
    public void EveryVocabularyWord_IsOneToken()
    {
        foreach (string word in PrevizVocabulary.Words)
        {
            IReadOnlyList<int> ids = pack.Tokenizer.Tokenize(word);

            Assert.True(ids.Count == 1, $"'{word}' became {ids.Count} tokens.");
            Assert.Equal(PrevizTokenizer.Instance.WordId(word), ids[0]);
        }
    }

    [Fact]
    public void Prompt_EncodesAsBosWordsEosThenPadding()
    {
        int[] ids = pack.Tokenizer.Encode("A red  Circle, 2 people");

        int Word(string w) => PrevizTokenizer.Instance.WordId(w);
        int[] expectedStart = [pack.Tokenizer.BosId, Word("a"), Word("red"), Word("circle"), Word(","), Word("2"), Word("people"), pack.Tokenizer.EosId];
        Assert.Equal(expectedStart, ids[..8]);
        Assert.All(ids[8..], id => Assert.Equal(pack.Tokenizer.EosId, id));
    }

    [Fact]
    public void UnknownWords_FallBackToSmallerPiecesNotToUnk()
    {
        IReadOnlyList<int> ids = pack.Tokenizer.Tokenize("zyzzyva");

        Assert.True(ids.Count > 1);
        Assert.DoesNotContain(pack.Tokenizer.UnkId, ids);
    }

    [Fact]
    public void MergesFile_HasTheClipHeader()
    {
        string[] lines = File.ReadAllLines(Path.Combine(pack.PackPath, "tokenizer", "merges.txt"));

        Assert.Equal("#version: 0.2", lines[0]);
        Assert.Equal(PrevizTokenizer.Instance.Merges.Count, lines.Length - 1);
        Assert.All(lines[1..], line => Assert.Equal(2, line.Split(' ').Length));
    }
}
