using System.Globalization;

namespace DetSim.Core.Time;

/// <summary>A point in simulated time: integer microseconds since the start of the run.</summary>
public readonly record struct SimTime(long Micros) : IComparable<SimTime>
{
    public static readonly SimTime Zero = new(0);
    public static readonly SimTime MaxValue = new(long.MaxValue);

    public static SimTime FromMillis(long ms) => new(checked(ms * 1000));
    public static SimTime FromSeconds(long s) => new(checked(s * 1_000_000));

    public double TotalSeconds => Micros / 1_000_000.0;
    public double TotalMillis => Micros / 1000.0;

    public int CompareTo(SimTime other) => Micros.CompareTo(other.Micros);

    public static SimTime operator +(SimTime t, Duration d) => new(checked(t.Micros + d.Micros));
    public static SimTime operator -(SimTime t, Duration d) => new(checked(t.Micros - d.Micros));
    public static Duration operator -(SimTime a, SimTime b) => new(checked(a.Micros - b.Micros));
    public static bool operator <(SimTime a, SimTime b) => a.Micros < b.Micros;
    public static bool operator >(SimTime a, SimTime b) => a.Micros > b.Micros;
    public static bool operator <=(SimTime a, SimTime b) => a.Micros <= b.Micros;
    public static bool operator >=(SimTime a, SimTime b) => a.Micros >= b.Micros;

    public static SimTime Max(SimTime a, SimTime b) => a.Micros >= b.Micros ? a : b;

    /// <summary>Stable text form: seconds with six decimals, e.g. <c>12.000345s</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Micros / 1_000_000}.{Math.Abs(Micros % 1_000_000):D6}s");
}
