using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ExplainerStudio.Generation.Text;

/// <summary>
/// CLIP's byte-level BPE tokenizer as Stable Diffusion text encoders expect it: the reference's text cleaning
/// (<see cref="ClipTextCleaner"/>), CLIP's pre-tokenisation pattern (letter runs, single digits, symbol runs), GPT-2's byte
/// alphabet, BPE by merge rank with <c>&lt;/w&gt;</c> marking the end of a word, and a fixed-length sequence
/// <c>[bos] content… [eos] pad…</c> with the content truncated to <c>MaxLength − 2</c> tokens.
/// </summary>
/// <remarks>
/// Cleaning follows the reference tokenizer with ftfy installed (ftfy's fixes, HTML unescaping, whitespace
/// collapse, Python lower-casing), so pasted prompts with curly quotes, entities or mojibake give the reference's
/// ids. Instances are immutable apart from a bounded cache of BPE results per word and are safe to share between
/// threads.
/// </remarks>
public sealed partial class ClipTokenizer
{
    private const string EndOfWord = "</w>";

    // Prompts are short and repetitive; the cap only keeps a hostile caller from growing the cache forever.
    private const int WordCacheLimit = 65_536;

    // Hugging Face writes int(1e30) as model_max_length when a tokenizer sets none.
    private const long UnsetMaxLengthThreshold = 1_000_000;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<(string Left, string Right), int> _mergeRanks;
    private readonly ConcurrentDictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);

    /// <summary>Builds a tokenizer from an in-memory vocabulary and merge list.</summary>
    /// <param name="vocabulary">Symbol → id (the content of <c>vocab.json</c>).</param>
    /// <param name="merges">Merge pairs in rank order (the lines of <c>merges.txt</c> after its header).</param>
    /// <param name="specialTokens">Special tokens; each must be in <paramref name="vocabulary"/>.</param>
    /// <exception cref="ArgumentException">A special token is missing from the vocabulary, or the vocabulary is
    /// empty, or the maximum length leaves no room for content.</exception>
    public ClipTokenizer(
        IReadOnlyDictionary<string, int> vocabulary,
        IEnumerable<(string Left, string Right)> merges,
        ClipSpecialTokens specialTokens)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(merges);
        ArgumentNullException.ThrowIfNull(specialTokens);
        string? problem = FindProblem(vocabulary, specialTokens);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(specialTokens));
        }

        _vocabulary = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        _mergeRanks = [];
        int rank = 0;
        foreach ((string left, string right) in merges)
        {
            // A repeated pair keeps its first (lowest) rank, as a dictionary built from the file in order would.
            _mergeRanks.TryAdd((left, right), rank++);
        }

        SpecialTokens = specialTokens;
        BosId = _vocabulary[specialTokens.Bos];
        EosId = _vocabulary[specialTokens.Eos];
        PadId = _vocabulary[specialTokens.Pad];
        UnkId = _vocabulary[specialTokens.Unk];
    }

    /// <summary>The special tokens and sequence length in use.</summary>
    public ClipSpecialTokens SpecialTokens { get; }

    /// <summary>Length of every encoded sequence (77 for CLIP).</summary>
    public int MaxLength => SpecialTokens.MaxLength;

    /// <summary>Content tokens that fit between bos and eos (75 for CLIP); more are cut off.</summary>
    public int MaxContentTokens => SpecialTokens.MaxLength - 2;

    /// <summary>Id of the start-of-text token (49406 in CLIP's vocabulary).</summary>
    public int BosId { get; }

    /// <summary>Id of the end-of-text token (49407 in CLIP's vocabulary).</summary>
    public int EosId { get; }

    /// <summary>Id used for padding: 49407 for SD 1.x, 0 (<c>!</c>) for SD 2.x tokenizers.</summary>
    public int PadId { get; }

    /// <summary>Id used for symbols missing from the vocabulary.</summary>
    public int UnkId { get; }

    /// <summary>Number of entries in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>
    /// Loads a tokenizer from a model pack's <c>tokenizer</c> folder: <c>vocab.json</c> and <c>merges.txt</c>
    /// (required), <c>tokenizer_config.json</c> and then <c>special_tokens_map.json</c> (optional; the latter wins)
    /// for bos/eos/pad/unk and <c>model_max_length</c>. Missing settings take the SD 1.x defaults.
    /// </summary>
    /// <exception cref="TokenizerLoadException">The folder or a required file is missing, or a file is not valid.</exception>
    public static ClipTokenizer Load(string tokenizerDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenizerDirectory);
        if (!Directory.Exists(tokenizerDirectory))
        {
            throw new TokenizerLoadException(
                tokenizerDirectory,
                $"Tokenizer folder '{tokenizerDirectory}' does not exist. A model pack needs tokenizer/vocab.json and tokenizer/merges.txt.");
        }

        Dictionary<string, int> vocabulary = ReadVocabulary(Path.Combine(tokenizerDirectory, "vocab.json"));
        List<(string Left, string Right)> merges = ReadMerges(Path.Combine(tokenizerDirectory, "merges.txt"));
        ClipSpecialTokens specialTokens = ReadSpecialTokens(tokenizerDirectory);
        string? problem = FindProblem(vocabulary, specialTokens);
        if (problem is not null)
        {
            throw new TokenizerLoadException(tokenizerDirectory, $"Tokenizer folder '{tokenizerDirectory}': {problem}");
        }
        return new ClipTokenizer(vocabulary, merges, specialTokens);
    }

    /// <summary>
    /// Applies the tokenizer's text cleaning (<see cref="ClipTextCleaner.Clean"/>): ftfy's fixes and NFC, HTML
    /// unescaping, runs of whitespace to one space, trimmed, Python lower case. Unpaired surrogates become U+FFFD.
    /// </summary>
    public static string Normalize(string text) => ClipTextCleaner.Clean(text);

    /// <summary>
    /// Encodes <paramref name="text"/> as exactly <see cref="MaxLength"/> ids: bos, at most
    /// <see cref="MaxContentTokens"/> content ids, eos, then pad ids.
    /// </summary>
    public int[] Encode(string text)
    {
        var ids = new int[MaxLength];
        Encode(text, ids);
        return ids;
    }

    /// <summary>Encodes into <paramref name="destination"/>, which must hold exactly <see cref="MaxLength"/> ids.</summary>
    public void Encode(string text, Span<int> destination)
    {
        if (destination.Length != MaxLength)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The destination holds {destination.Length} ids; this tokenizer writes exactly {MaxLength}."),
                nameof(destination));
        }

        List<int> content = TokenizeToList(text);
        int count = Math.Min(content.Count, MaxContentTokens);
        destination[0] = BosId;
        for (int i = 0; i < count; i++)
        {
            destination[1 + i] = content[i];
        }
        destination[1 + count] = EosId;
        destination[(2 + count)..].Fill(PadId);
    }

    /// <summary>
    /// Encodes into a 64-bit destination (text encoders exported with int64 <c>input_ids</c>); otherwise as
    /// <see cref="Encode(string, Span{int})"/>.
    /// </summary>
    public void Encode(string text, Span<long> destination)
    {
        if (destination.Length != MaxLength)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The destination holds {destination.Length} ids; this tokenizer writes exactly {MaxLength}."),
                nameof(destination));
        }
        Span<int> ids = MaxLength <= 512 ? stackalloc int[MaxLength] : new int[MaxLength];
        Encode(text, ids);
        for (int i = 0; i < ids.Length; i++)
        {
            destination[i] = ids[i];
        }
    }

    /// <summary>
    /// The content ids of <paramref name="text"/>: no bos/eos, no padding, not truncated.
    /// </summary>
    public IReadOnlyList<int> Tokenize(string text) => TokenizeToList(text);

    /// <summary>
    /// How many content tokens <paramref name="text"/> produces; more than <see cref="MaxContentTokens"/> means the
    /// prompt will be truncated.
    /// </summary>
    public int CountTokens(string text) => TokenizeToList(text).Count;

    private List<int> TokenizeToList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = Normalize(text);
        var ids = new List<int>();
        foreach (ValueMatch match in PreToken().EnumerateMatches(normalized))
        {
            ids.AddRange(WordIds(normalized.Substring(match.Index, match.Length)));
        }
        return ids;
    }

    private int[] WordIds(string preToken)
    {
        if (_wordCache.TryGetValue(preToken, out int[]? cached))
        {
            return cached;
        }

        int[] ids;
        if ((preToken == ClipSpecialTokens.StartOfText || preToken == ClipSpecialTokens.EndOfText)
            && _vocabulary.TryGetValue(preToken, out int specialId))
        {
            // The special tokens are whole vocabulary entries, never BPE'd (CLIP seeds its cache with them).
            ids = [specialId];
        }
        else
        {
            List<string> symbols = Bpe(ByteLevelAlphabet.Encode(preToken));
            ids = new int[symbols.Count];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = _vocabulary.TryGetValue(symbols[i], out int id) ? id : UnkId;
            }
        }

        if (_wordCache.Count < WordCacheLimit)
        {
            _wordCache.TryAdd(preToken, ids);
        }
        return ids;
    }

    private List<string> Bpe(string word)
    {
        var symbols = new List<string>(word.Length);
        for (int i = 0; i < word.Length - 1; i++)
        {
            symbols.Add(word[i].ToString());
        }
        symbols.Add(string.Concat(word[^1].ToString(), EndOfWord));

        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue;
            int bestAt = -1;
            for (int i = 0; i < symbols.Count - 1; i++)
            {
                if (_mergeRanks.TryGetValue((symbols[i], symbols[i + 1]), out int rank) && rank < bestRank)
                {
                    bestRank = rank;
                    bestAt = i;
                }
            }
            if (bestAt < 0)
            {
                break;
            }

            // Merge every occurrence of the best pair, scanning left to right without overlaps.
            string first = symbols[bestAt];
            string second = symbols[bestAt + 1];
            var merged = new List<string>(symbols.Count);
            int at = 0;
            while (at < symbols.Count)
            {
                if (at < symbols.Count - 1 && symbols[at] == first && symbols[at + 1] == second)
                {
                    merged.Add(string.Concat(first, second));
                    at += 2;
                }
                else
                {
                    merged.Add(symbols[at]);
                    at++;
                }
            }
            symbols = merged;
        }
        return symbols;
    }

    private static string? FindProblem(IReadOnlyDictionary<string, int> vocabulary, ClipSpecialTokens specialTokens)
    {
        if (vocabulary.Count == 0)
        {
            return "the vocabulary is empty.";
        }
        if (specialTokens.MaxLength < 3)
        {
            return $"model_max_length {specialTokens.MaxLength.ToString(CultureInfo.InvariantCulture)} leaves no room for content between bos and eos.";
        }
        foreach ((string role, string token) in new[]
        {
            ("bos", specialTokens.Bos), ("eos", specialTokens.Eos), ("pad", specialTokens.Pad), ("unk", specialTokens.Unk),
        })
        {
            if (!vocabulary.ContainsKey(token))
            {
                return $"the {role} token '{token}' is not in the vocabulary.";
            }
        }
        return null;
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        string json = ReadRequired(path, "the token → id map (vocab.json)");
        Dictionary<string, int>? vocabulary;
        try
        {
            vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(json);
        }
        catch (JsonException e)
        {
            throw new TokenizerLoadException(
                path,
                $"Tokenizer file '{path}' is not a JSON object of token → integer id: {e.Message}",
                e);
        }
        if (vocabulary is null || vocabulary.Count == 0)
        {
            throw new TokenizerLoadException(path, $"Tokenizer file '{path}' has no tokens.");
        }
        return new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
    }

    private static List<(string Left, string Right)> ReadMerges(string path)
    {
        string text = ReadRequired(path, "the BPE merge list (merges.txt)");
        var merges = new List<(string Left, string Right)>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (i == 0 && line.StartsWith("#version", StringComparison.Ordinal))
            {
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            string[] parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new TokenizerLoadException(
                    path,
                    $"Tokenizer file '{path}' line {(i + 1).ToString(CultureInfo.InvariantCulture)} is not a merge pair "
                    + $"\"left right\": \"{line}\".");
            }
            merges.Add((parts[0], parts[1]));
        }
        if (merges.Count == 0)
        {
            throw new TokenizerLoadException(path, $"Tokenizer file '{path}' has no merges.");
        }
        return merges;
    }

    private static ClipSpecialTokens ReadSpecialTokens(string directory)
    {
        ClipSpecialTokens tokens = ClipSpecialTokens.Default;
        foreach (string name in new[] { "tokenizer_config.json", "special_tokens_map.json" })
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                continue;
            }
            try
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new TokenizerLoadException(path, $"Tokenizer file '{path}' is not a JSON object.");
                }
                JsonElement root = document.RootElement;
                tokens = tokens with
                {
                    Bos = TokenContent(root, "bos_token", path) ?? tokens.Bos,
                    Eos = TokenContent(root, "eos_token", path) ?? tokens.Eos,
                    Pad = TokenContent(root, "pad_token", path) ?? tokens.Pad,
                    Unk = TokenContent(root, "unk_token", path) ?? tokens.Unk,
                    MaxLength = MaxLengthSetting(root, path) ?? tokens.MaxLength,
                };
            }
            catch (JsonException e)
            {
                throw new TokenizerLoadException(path, $"Tokenizer file '{path}' is not valid JSON: {e.Message}", e);
            }
            catch (IOException e)
            {
                throw new TokenizerLoadException(path, $"Tokenizer file '{path}' cannot be read: {e.Message}", e);
            }
        }
        return tokens;
    }

    // A special token is written either as a string or as an AddedToken object with a "content" string.
    private static string? TokenContent(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("content", out JsonElement content)
            && content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }
        throw new TokenizerLoadException(
            path,
            $"Tokenizer file '{path}': \"{key}\" must be a string or an object with a \"content\" string.");
    }

    private static int? MaxLengthSetting(JsonElement root, string path)
    {
        if (!root.TryGetProperty("model_max_length", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double length) || length != Math.Floor(length))
        {
            throw new TokenizerLoadException(path, $"Tokenizer file '{path}': \"model_max_length\" must be an integer.");
        }
        return length >= UnsetMaxLengthThreshold ? null : (int)length;
    }

    private static string ReadRequired(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new TokenizerLoadException(path, $"Tokenizer file '{path}' is missing; it holds {what}.");
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new TokenizerLoadException(path, $"Tokenizer file '{path}' cannot be read: {e.Message}", e);
        }
    }

    // CLIP's pre-tokenisation pattern; the input is already lower case, IgnoreCase only mirrors the reference pattern.
    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PreToken();
}
