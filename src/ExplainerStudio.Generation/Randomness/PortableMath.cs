namespace ExplainerStudio.Generation.Randomness;

/// <summary>
/// Logarithm and sine/cosine from IEEE-754 double additions, multiplications and divisions only. Math.Log,
/// Math.Sin and Math.Cos come from the platform's C library and may differ in the last bit between glibc, the
/// Windows CRT and Apple's libm; these do not, which is what keeps seeded noise bit-identical everywhere.
/// .NET never contracts <c>a * b + c</c> into a fused multiply-add on its own, so the expressions below round
/// the same way on every processor.
/// </summary>
internal static class PortableMath
{
    private const double Ln2 = 0.6931471805599453;
    private const double Sqrt2 = 1.4142135623730951;
    private const double HalfPi = Math.PI / 2;

    // ±1/n! folded by the compiler into correctly rounded doubles, identical on every platform.
    private const double SinC3 = -1.0 / 6.0;
    private const double SinC5 = 1.0 / 120.0;
    private const double SinC7 = -1.0 / 5040.0;
    private const double SinC9 = 1.0 / 362880.0;
    private const double SinC11 = -1.0 / 39916800.0;
    private const double SinC13 = 1.0 / 6227020800.0;
    private const double SinC15 = -1.0 / 1307674368000.0;
    private const double SinC17 = 1.0 / 355687428096000.0;
    private const double CosC2 = -1.0 / 2.0;
    private const double CosC4 = 1.0 / 24.0;
    private const double CosC6 = -1.0 / 720.0;
    private const double CosC8 = 1.0 / 40320.0;
    private const double CosC10 = -1.0 / 3628800.0;
    private const double CosC12 = 1.0 / 479001600.0;
    private const double CosC14 = -1.0 / 87178291200.0;
    private const double CosC16 = 1.0 / 20922789888000.0;
    private const double CosC18 = -1.0 / 6402373705728000.0;

    /// <summary>Natural logarithm of a positive, normal, finite <paramref name="x"/> (relative error ~1e-16).</summary>
    public static double Log(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double mantissa = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
        if (mantissa > Sqrt2)
        {
            mantissa *= 0.5;
            exponent++;
        }

        // ln(m) = 2·atanh(s) with s = (m − 1)/(m + 1), |s| ≤ 0.172: the odd series converges to double
        // precision by the s^23 term.
        double s = (mantissa - 1.0) / (mantissa + 1.0);
        double s2 = s * s;
        double series = 1.0 / 23.0;
        series = (1.0 / 21.0) + (s2 * series);
        series = (1.0 / 19.0) + (s2 * series);
        series = (1.0 / 17.0) + (s2 * series);
        series = (1.0 / 15.0) + (s2 * series);
        series = (1.0 / 13.0) + (s2 * series);
        series = (1.0 / 11.0) + (s2 * series);
        series = (1.0 / 9.0) + (s2 * series);
        series = (1.0 / 7.0) + (s2 * series);
        series = (1.0 / 5.0) + (s2 * series);
        series = (1.0 / 3.0) + (s2 * series);
        series = 1.0 + (s2 * series);
        return (exponent * Ln2) + (2.0 * s * series);
    }

    /// <summary>
    /// Sine and cosine of <c>2π · turn</c> for <paramref name="turn"/> in [0, 1). Reduction to the first octant is
    /// exact (multiplying by 4 and subtracting integers or from 1 loses no bits), then Taylor polynomials.
    /// </summary>
    public static void SinCosTurns(double turn, out double sin, out double cos)
    {
        double quarterTurns = turn * 4.0;
        int quadrant = (int)quarterTurns;
        double fraction = quarterTurns - quadrant;
        bool complement = fraction > 0.5;
        double x = (complement ? 1.0 - fraction : fraction) * HalfPi;
        double x2 = x * x;

        // Taylor series to x¹⁷ and x¹⁸ in Horner form; |x| ≤ π/4 puts the first omitted term below 1e-19.
        double s = SinC17;
        s = SinC15 + (x2 * s);
        s = SinC13 + (x2 * s);
        s = SinC11 + (x2 * s);
        s = SinC9 + (x2 * s);
        s = SinC7 + (x2 * s);
        s = SinC5 + (x2 * s);
        s = SinC3 + (x2 * s);
        s = 1.0 + (x2 * s);
        s *= x;

        double c = CosC18;
        c = CosC16 + (x2 * c);
        c = CosC14 + (x2 * c);
        c = CosC12 + (x2 * c);
        c = CosC10 + (x2 * c);
        c = CosC8 + (x2 * c);
        c = CosC6 + (x2 * c);
        c = CosC4 + (x2 * c);
        c = CosC2 + (x2 * c);
        c = 1.0 + (x2 * c);

        // sin(π/2 − y) = cos(y): the upper half of a quadrant swaps the two.
        double sinA = complement ? c : s;
        double cosA = complement ? s : c;
        switch (quadrant & 3)
        {
            case 0:
                sin = sinA;
                cos = cosA;
                break;
            case 1:
                sin = cosA;
                cos = -sinA;
                break;
            case 2:
                sin = -sinA;
                cos = -cosA;
                break;
            default:
                sin = -cosA;
                cos = sinA;
                break;
        }
    }
}
