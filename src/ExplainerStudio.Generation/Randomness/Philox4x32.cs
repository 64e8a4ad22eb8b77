namespace ExplainerStudio.Generation.Randomness;

/// <summary>
/// The Philox4x32-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3",
/// SC 2011; the Random123 reference): a keyed bijection from a 128-bit counter to 128 random bits, built from
/// integer multiplies and xors only, so every platform produces the same words.
/// </summary>
public static class Philox4x32
{
    private const uint Multiplier0 = 0xD2511F53;
    private const uint Multiplier1 = 0xCD9E8D57;
    private const uint Weyl0 = 0x9E3779B9;
    private const uint Weyl1 = 0xBB67AE85;
    private const int Rounds = 10;

    /// <summary>
    /// Computes one block: four 32-bit words for the counter <c>(c0, c1, c2, c3)</c> under the key
    /// <c>(k0, k1)</c>, written to <paramref name="output"/> (at least four elements).
    /// </summary>
    public static void Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, Span<uint> output)
    {
        if (output.Length < 4)
        {
            throw new ArgumentException("A Philox4x32 block is four words; the output holds fewer.", nameof(output));
        }

        for (int round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                k0 += Weyl0;
                k1 += Weyl1;
            }
            ulong product0 = (ulong)Multiplier0 * c0;
            ulong product1 = (ulong)Multiplier1 * c2;
            uint next0 = (uint)(product1 >> 32) ^ c1 ^ k0;
            uint next2 = (uint)(product0 >> 32) ^ c3 ^ k1;
            c0 = next0;
            c1 = (uint)product1;
            c2 = next2;
            c3 = (uint)product0;
        }

        output[0] = c0;
        output[1] = c1;
        output[2] = c2;
        output[3] = c3;
    }
}
