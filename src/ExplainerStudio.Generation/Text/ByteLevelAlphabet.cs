namespace ExplainerStudio.Generation.Text;

/// <summary>
/// GPT-2's reversible byte → character table (diffusion.md E.3): printable Latin-1 bytes stand for themselves,
/// the 68 others (controls, space, DEL, NBSP, soft hyphen) move to U+0100 + n in byte order, so every byte
/// becomes one visible BMP character and BPE never sees whitespace or control characters.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = Build();

    /// <summary>Maps every UTF-8 byte of <paramref name="text"/> to its alphabet character.</summary>
    public static string Encode(string text)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return string.Create(bytes.Length, bytes, static (chars, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                chars[i] = ByteToChar[source[i]];
            }
        });
    }

    private static bool IsPrintable(int b) =>
        (b >= '!' && b <= '~') || (b >= '\u00A1' && b <= '\u00AC') || (b >= '\u00AE' && b <= '\u00FF');

    private static char[] Build()
    {
        var table = new char[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++)
        {
            table[b] = IsPrintable(b) ? (char)b : (char)(256 + shifted++);
        }
        return table;
    }
}
