namespace DetSim.Replication.Gtid;

/// <summary>A closed interval of transaction numbers [Start, End] of one source.</summary>
public readonly record struct GtidInterval(long Start, long End)
{
    public long Count => End - Start + 1;

    public override string ToString() =>
        Start == End ? Start.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Start}-{End}";
}
