namespace DetSim.Core.Random;

/// <summary>
/// Transcendental functions computed with IEEE-754 basic operations only. Math.Log defers to the
/// platform's libm, which is not guaranteed bit-identical across operating systems; +, -, *, /
/// are, so a trace hash that depends on a sampled latency stays stable everywhere.
/// </summary>
public static class DetMath
{
    private const double Ln2 = 0.6931471805599453094172321;

    /// <summary>Natural logarithm for x &gt; 0.</summary>
    public static double Ln(double x)
    {
        Invariant.That(x > 0 && double.IsFinite(x), "ln is defined here for finite positive x");
        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)).
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0)
        {
            // Subnormal: scale up by 2^54 first.
            return Ln(x * 18014398509481984.0) - 54 * Ln2;
        }
        int e = exponent - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e += 1;
        }
        // ln(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716; the series converges fast.
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double term = s;
        double sum = 0.0;
        for (int k = 1; k < 60; k += 2)
        {
            double next = sum + term / k;
            if (next == sum) break;
            sum = next;
            term *= s2;
        }
        return 2.0 * sum + e * Ln2;
    }
}
