namespace ExplainerStudio.Generation.Previz;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): the pseudo-random source for every "random" table in the previz
/// pack. Only integer arithmetic, additions and multiplications by exact constants are used, so the tables
/// are bit-identical on every platform and runtime, which the pack's byte-for-byte regeneration test needs.
/// </summary>
internal sealed class SplitMix64
{
    private const double TwoToMinus53 = 1.0 / 9007199254740992.0;

    // sqrt(3): scales a sum of four U(0,1) variables (variance 1/3) to unit variance.
    private const double IrwinHallScale = 1.7320508075688772;

    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * TwoToMinus53;

    /// <summary>
    /// Zero mean, unit variance and bell-shaped (Irwin-Hall of four uniforms, bounded by ±2√3). Box-Muller would
    /// need log and cos, whose last bits differ between math libraries.
    /// </summary>
    public double NextStandardish()
    {
        double sum = NextDouble() + NextDouble() + NextDouble() + NextDouble();
        return (sum - 2.0) * IrwinHallScale;
    }
}
