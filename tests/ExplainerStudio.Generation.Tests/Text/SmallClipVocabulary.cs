using System.Text;
using System.Text.Json;
using ExplainerStudio.Generation.Text;

namespace ExplainerStudio.Generation.Tests.Text;

/// <summary>
/// A CLIP-shaped vocabulary built the way the real one is (diffusion.md E.4): 256 byte symbols in GPT-2 order,
/// their 256 end-of-word variants, one entry per merge, then the two specials. The byte table is written here
/// independently of the production one so the two check each other.
/// </summary>
internal sealed class SmallClipVocabulary
{
    public SmallClipVocabulary(params (string Left, string Right)[] merges)
        : this(merges, omit: [])
    {
    }

    public SmallClipVocabulary((string Left, string Right)[] merges, string[] omit)
    {
        Merges = merges;
        var symbols = new List<string>();
        symbols.AddRange(ByteSymbols());
        symbols.AddRange(ByteSymbols().Select(s => s + "</w>"));
        symbols.AddRange(merges.Select(m => m.Left + m.Right));
        symbols.Add(ClipSpecialTokens.StartOfText);
        symbols.Add(ClipSpecialTokens.EndOfText);
        Vocabulary = [];
        for (int id = 0; id < symbols.Count; id++)
        {
            if (!omit.Contains(symbols[id]))
            {
                Vocabulary.TryAdd(symbols[id], id);
            }
        }
    }

    public (string Left, string Right)[] Merges { get; }

    public Dictionary<string, int> Vocabulary { get; }

    public int Bos => Vocabulary[ClipSpecialTokens.StartOfText];

    public int Eos => Vocabulary[ClipSpecialTokens.EndOfText];

    public int this[string symbol] => Vocabulary[symbol];

    public ClipTokenizer Tokenizer(ClipSpecialTokens? specialTokens = null) =>
        new(Vocabulary, Merges, specialTokens ?? ClipSpecialTokens.Default);

    /// <summary>Writes vocab.json and merges.txt (with its version header) into <paramref name="directory"/>.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "vocab.json"), JsonSerializer.Serialize(Vocabulary));
        var merges = new StringBuilder("#version: 0.2\n");
        foreach ((string left, string right) in Merges)
        {
            merges.Append(left).Append(' ').Append(right).Append('\n');
        }
        File.WriteAllText(Path.Combine(directory, "merges.txt"), merges.ToString());
    }

    /// <summary>GPT-2's bytes_to_unicode character for a byte.</summary>
    public static string ByteSymbol(byte value) => Table()[value];

    public static string[] ByteSymbols()
    {
        var printable = new List<int>();
        printable.AddRange(Enumerable.Range('!', '~' - '!' + 1));
        printable.AddRange(Enumerable.Range(0xA1, 0xAC - 0xA1 + 1));
        printable.AddRange(Enumerable.Range(0xAE, 0xFF - 0xAE + 1));
        var order = new List<string>(printable.Select(b => ((char)b).ToString()));
        int shifted = 0;
        for (int b = 0; b < 256; b++)
        {
            if (!printable.Contains(b))
            {
                order.Add(((char)(256 + shifted++)).ToString());
            }
        }
        return [.. order];
    }

    private static string[] Table()
    {
        var table = new string[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++)
        {
            bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? ((char)b).ToString() : ((char)(256 + shifted++)).ToString();
        }
        return table;
    }
}
