using System.Text;

namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// Learns a BPE merge list that turns each given word into a single <c>word&lt;/w&gt;</c> token: repeatedly
/// merge the most frequent adjacent symbol pair (ties broken by ordinal order of the pair), as BPE training
/// does, until every word is one symbol. The result is deterministic and short (shared prefixes and suffixes
/// share merges).
/// </summary>
internal static class BpeMergeLearner
{
    public static IReadOnlyList<(string Left, string Right)> Learn(IEnumerable<string> words)
    {
        List<List<string>> symbolWords = words.Select(ToSymbols).Where(w => w.Count > 1).ToList();
        var merges = new List<(string Left, string Right)>();
        while (symbolWords.Count > 0)
        {
            (string Left, string Right) best = MostFrequentPair(symbolWords);
            merges.Add(best);
            foreach (List<string> word in symbolWords)
            {
                Merge(word, best);
            }

            symbolWords.RemoveAll(w => w.Count == 1);
        }

        return merges;
    }

    private static List<string> ToSymbols(string word)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(word);
        var symbols = bytes.Select(b => ByteSymbols.ByByte[b]).ToList();
        symbols[^1] += "</w>";
        return symbols;
    }

    private static (string Left, string Right) MostFrequentPair(List<List<string>> words)
    {
        var counts = new Dictionary<(string Left, string Right), int>();
        foreach (List<string> word in words)
        {
            for (int i = 0; i + 1 < word.Count; i++)
            {
                var pair = (word[i], word[i + 1]);
                counts[pair] = counts.GetValueOrDefault(pair) + 1;
            }
        }

        (string Left, string Right) best = default;
        int bestCount = 0;
        foreach (KeyValuePair<(string Left, string Right), int> entry in counts)
        {
            bool better = entry.Value > bestCount
                || (entry.Value == bestCount && ComparePairs(entry.Key, best) < 0);
            if (better)
            {
                best = entry.Key;
                bestCount = entry.Value;
            }
        }

        return best;
    }

    private static int ComparePairs((string Left, string Right) a, (string Left, string Right) b)
    {
        int left = string.CompareOrdinal(a.Left, b.Left);
        return left != 0 ? left : string.CompareOrdinal(a.Right, b.Right);
    }

    private static void Merge(List<string> word, (string Left, string Right) pair)
    {
        for (int i = 0; i + 1 < word.Count; i++)
        {
            if (word[i] == pair.Left && word[i + 1] == pair.Right)
            {
                word[i] = pair.Left + pair.Right;
                word.RemoveAt(i + 1);
            }
        }
    }
}
