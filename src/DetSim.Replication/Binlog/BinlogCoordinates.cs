namespace DetSim.Replication.Binlog;

/// <summary>A (file, position) pair: where an event starts or ends in one server's binary log.</summary>
public readonly record struct BinlogCoordinates(string File, long Position) : IComparable<BinlogCoordinates>
{
    public static BinlogCoordinates None => new("", 0);

    public bool IsNone => File.Length == 0;

    /// <summary>Binlog file names sort by their numeric suffix, which ordinal order respects (binlog.000001 &lt; binlog.000002).</summary>
    public int CompareTo(BinlogCoordinates other)
    {
        int c = string.CompareOrdinal(File, other.File);
        return c != 0 ? c : Position.CompareTo(other.Position);
    }

    public static bool operator <(BinlogCoordinates a, BinlogCoordinates b) => a.CompareTo(b) < 0;
    public static bool operator >(BinlogCoordinates a, BinlogCoordinates b) => a.CompareTo(b) > 0;
    public static bool operator <=(BinlogCoordinates a, BinlogCoordinates b) => a.CompareTo(b) <= 0;
    public static bool operator >=(BinlogCoordinates a, BinlogCoordinates b) => a.CompareTo(b) >= 0;

    public override string ToString() => IsNone ? "(none)" : $"{File}:{Position}";
}
