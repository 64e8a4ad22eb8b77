using System.Text;
using System.Text.Json;

namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// The previz pack's CLIP tokenizer files: CLIP's own layout and id order (256 byte symbols, their
/// <c>&lt;/w&gt;</c> variants, one entry per merge, then <c>&lt;|startoftext|&gt;</c> and
/// <c>&lt;|endoftext|&gt;</c> as the last two ids), over merges learned from <see cref="PrevizVocabulary"/>.
/// </summary>
internal sealed class PrevizTokenizer
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";
    public const int MaxLength = 77;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _tokens = [];

    private PrevizTokenizer()
    {
        Merges = BpeMergeLearner.Learn(PrevizVocabulary.Words);
        foreach (string symbol in ByteSymbols.InVocabularyOrder)
        {
            Add(symbol);
        }

        foreach (string symbol in ByteSymbols.InVocabularyOrder)
        {
            Add(symbol + "</w>");
        }

        foreach ((string left, string right) in Merges)
        {
            Add(left + right);
        }

        BosId = Add(StartOfText);
        EosId = Add(EndOfText);
    }

    public static PrevizTokenizer Instance { get; } = new();

    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>Tokens by id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    public int BosId { get; }

    public int EosId { get; }

    public int VocabularySize => _tokens.Count;

    /// <summary>The id of the token a whole vocabulary word becomes (<c>word&lt;/w&gt;</c>).</summary>
    public int WordId(string word) => _ids[word + "</w>"];

    public byte[] VocabJson() => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        for (int id = 0; id < _tokens.Count; id++)
        {
            writer.WriteNumber(_tokens[id], id);
        }

        writer.WriteEndObject();
    });

    public byte[] MergesText()
    {
        var text = new StringBuilder("#version: 0.2\n");
        foreach ((string left, string right) in Merges)
        {
            text.Append(left).Append(' ').Append(right).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] SpecialTokensMapJson() => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        WriteAddedToken(writer, "bos_token", StartOfText);
        WriteAddedToken(writer, "eos_token", EndOfText);
        writer.WriteString("pad_token", EndOfText);
        WriteAddedToken(writer, "unk_token", EndOfText);
        writer.WriteEndObject();
    });

    public static byte[] TokenizerConfigJson() => PackJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteBoolean("add_prefix_space", false);
        WriteAddedToken(writer, "bos_token", StartOfText);
        writer.WriteBoolean("do_lower_case", true);
        WriteAddedToken(writer, "eos_token", EndOfText);
        writer.WriteString("errors", "replace");
        writer.WriteNumber("model_max_length", MaxLength);
        writer.WriteString("pad_token", EndOfText);
        writer.WriteString("tokenizer_class", "CLIPTokenizer");
        WriteAddedToken(writer, "unk_token", EndOfText);
        writer.WriteEndObject();
    });

    private static void WriteAddedToken(Utf8JsonWriter writer, string name, string content)
    {
        writer.WriteStartObject(name);
        writer.WriteString("content", content);
        writer.WriteBoolean("lstrip", false);
        writer.WriteBoolean("normalized", true);
        writer.WriteBoolean("rstrip", false);
        writer.WriteBoolean("single_word", false);
        writer.WriteEndObject();
    }

    private int Add(string token)
    {
        // Two merge paths can spell the same token; CLIP's loader would keep one id, so keep ids contiguous.
        if (_ids.TryGetValue(token, out int existing))
        {
            return existing;
        }

        _ids.Add(token, _tokens.Count);
        _tokens.Add(token);
        return _tokens.Count - 1;
    }
}
