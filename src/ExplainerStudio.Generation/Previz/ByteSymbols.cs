namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// GPT-2/CLIP's byte alphabet (diffusion.md E.3) in CLIP's vocabulary order: the printable bytes
/// <c>!</c>..<c>~</c>, <c>¡</c>..<c>¬</c>, <c>®</c>..<c>ÿ</c> as themselves, then the remaining 68 bytes in
/// increasing order as U+0100 + n.
/// </summary>
internal static class ByteSymbols
{
    static ByteSymbols()
    {
        var printable = new List<int>();
        printable.AddRange(Enumerable.Range('!', '~' - '!' + 1));
        printable.AddRange(Enumerable.Range(0xA1, 0xAC - 0xA1 + 1));
        printable.AddRange(Enumerable.Range(0xAE, 0xFF - 0xAE + 1));

        var byByte = new string[256];
        var order = new List<string>(256);
        foreach (int b in printable)
        {
            byByte[b] = ((char)b).ToString();
            order.Add(byByte[b]);
        }

        int extra = 0;
        for (int b = 0; b < 256; b++)
        {
            if (byByte[b] is null)
            {
                byByte[b] = ((char)(256 + extra++)).ToString();
                order.Add(byByte[b]);
            }
        }

        ByByte = byByte;
        InVocabularyOrder = order;
    }

    /// <summary>The 256 symbols in vocabulary order (ids 0..255).</summary>
    public static IReadOnlyList<string> InVocabularyOrder { get; }

    /// <summary>The symbol of each byte value.</summary>
    public static IReadOnlyList<string> ByByte { get; }
}
