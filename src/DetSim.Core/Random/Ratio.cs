namespace DetSim.Core.Random;

/// <summary>A probability as an integer fraction, so fault decisions never depend on floating point.</summary>
public readonly record struct Ratio
{
    public ulong Numerator { get; }
    public ulong Denominator { get; }

    public Ratio(ulong numerator, ulong denominator)
    {
        if (denominator == 0) throw new ArgumentOutOfRangeException(nameof(denominator), "a ratio needs a positive denominator");
        if (numerator > denominator) throw new ArgumentOutOfRangeException(nameof(numerator), $"a probability cannot exceed 1 ({numerator}/{denominator})");
        Numerator = numerator;
        Denominator = denominator;
    }

    public static Ratio Zero => new(0, 1);
    public static Ratio One => new(1, 1);
    public static Ratio Percent(ulong percent) => new(percent, 100);
    public static Ratio PerMille(ulong perMille) => new(perMille, 1000);

    public bool IsZero => Numerator == 0;

    public override string ToString() => $"{Numerator}/{Denominator}";
}
