using System.Globalization;

namespace DetSim.Core.Time;

/// <summary>A span of simulated time in integer microseconds.</summary>
public readonly record struct Duration(long Micros) : IComparable<Duration>
{
    public static readonly Duration Zero = new(0);

    public static Duration FromMicros(long us) => new(us);
    public static Duration FromMillis(long ms) => new(checked(ms * 1000));
    public static Duration FromSeconds(long s) => new(checked(s * 1_000_000));

    public double TotalMillis => Micros / 1000.0;
    public double TotalSeconds => Micros / 1_000_000.0;

    public int CompareTo(Duration other) => Micros.CompareTo(other.Micros);

    public static Duration operator +(Duration a, Duration b) => new(checked(a.Micros + b.Micros));
    public static Duration operator -(Duration a, Duration b) => new(checked(a.Micros - b.Micros));
    public static Duration operator *(Duration a, long k) => new(checked(a.Micros * k));
    public static Duration operator -(Duration a) => new(checked(-a.Micros));
    public static bool operator <(Duration a, Duration b) => a.Micros < b.Micros;
    public static bool operator >(Duration a, Duration b) => a.Micros > b.Micros;
    public static bool operator <=(Duration a, Duration b) => a.Micros <= b.Micros;
    public static bool operator >=(Duration a, Duration b) => a.Micros >= b.Micros;

    public static Duration Max(Duration a, Duration b) => a.Micros >= b.Micros ? a : b;
    public static Duration Min(Duration a, Duration b) => a.Micros <= b.Micros ? a : b;

    public override string ToString() =>
        Micros % 1000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Micros / 1000}ms")
            : string.Create(CultureInfo.InvariantCulture, $"{Micros}us");
}
