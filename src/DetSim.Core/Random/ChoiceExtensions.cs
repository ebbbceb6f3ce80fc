namespace DetSim.Core.Random;

/// <summary>Distributions over any <see cref="IChoiceSource"/>.</summary>
public static class ChoiceExtensions
{
    /// <summary>Uniform in [0, maxExclusive).</summary>
    public static int NextInt(this IChoiceSource source, int maxExclusive)
    {
        Invariant.That(maxExclusive > 0);
        return (int)source.NextUInt64((ulong)maxExclusive);
    }

    /// <summary>Uniform in [min, max], both inclusive.</summary>
    public static long NextLong(this IChoiceSource source, long min, long max)
    {
        Invariant.That(min <= max);
        ulong span = (ulong)(max - min);
        return span == ulong.MaxValue ? (long)source.NextUInt64() : min + (long)source.NextUInt64(span + 1);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public static double NextDouble(this IChoiceSource source) => (source.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>, decided in integers; draws nothing when p is 0 or 1.</summary>
    public static bool Chance(this IChoiceSource source, Ratio p)
    {
        if (p.Numerator == 0) return false;
        if (p.Numerator == p.Denominator) return true;
        return source.NextUInt64(p.Denominator) < p.Numerator;
    }

    /// <summary>Exponentially distributed with the given mean, through <see cref="DetMath.Ln"/>.</summary>
    public static double NextExponential(this IChoiceSource source, double mean)
    {
        double u = 1.0 - source.NextDouble(); // in (0, 1], so ln is finite
        return -mean * DetMath.Ln(u);
    }

    /// <summary>One element of <paramref name="items"/>, uniformly.</summary>
    public static T Pick<T>(this IChoiceSource source, IReadOnlyList<T> items)
    {
        Invariant.That(items.Count > 0);
        return items[source.NextInt(items.Count)];
    }
}
