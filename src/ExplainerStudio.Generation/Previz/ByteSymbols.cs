namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// GPT-2/CLIP's byte alphabet (diffusion.md E.3) in CLIP's vocabulary order: the printable bytes
/// <c>!</c>..<c>~</c>, <c>¡</c>..<c>¬</c>, <c>®</c>..<c>ÿ</c> as themselves, then the remaining 68 bytes in
/// increasing order as U+0100 + n.
/// </summary>
internal static class ByteSymbols
{
    /// <summary>The 256 symbols in vocabulary order (ids 0..255).</summary>
    public static IReadOnlyList<string> InVocabularyOrder { get; } = Build(out _);

    /// <summary>The symbol of each byte value.</summary>
    public static IReadOnlyList<string> ByByte { get; } = BuildByByte();

    private static string[] BuildByByte()
    {
        Build(out string[] byByte);
        return byByte;
    }

    private static string[] Build(out string[] byByte)
    {
        var printable = new List<int>();
        for (int b = '!'; b <= '~'; b++)
        {
            printable.Add(b);
        }

        for (int b = 0xA1; b <= 0xAC; b++)
        {
            printable.Add(b);
        }

        for (int b = 0xAE; b <= 0xFF; b++)
        {
            printable.Add(b);
        }

        byByte = new string[256];
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

        return [.. order];
    }
}
