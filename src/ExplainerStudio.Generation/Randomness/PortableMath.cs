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

        double s = 1.0 - (x2 / 272.0);
        s = 1.0 - (x2 / 210.0 * s);
        s = 1.0 - (x2 / 156.0 * s);
        s = 1.0 - (x2 / 110.0 * s);
        s = 1.0 - (x2 / 72.0 * s);
        s = 1.0 - (x2 / 42.0 * s);
        s = 1.0 - (x2 / 20.0 * s);
        s = 1.0 - (x2 / 6.0 * s);
        s *= x;

        double c = 1.0 - (x2 / 306.0);
        c = 1.0 - (x2 / 240.0 * c);
        c = 1.0 - (x2 / 182.0 * c);
        c = 1.0 - (x2 / 132.0 * c);
        c = 1.0 - (x2 / 90.0 * c);
        c = 1.0 - (x2 / 56.0 * c);
        c = 1.0 - (x2 / 30.0 * c);
        c = 1.0 - (x2 / 12.0 * c);
        c = 1.0 - (x2 / 2.0 * c);

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
