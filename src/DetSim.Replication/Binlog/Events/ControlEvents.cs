using DetSim.Replication.Gtid;

namespace DetSim.Replication.Binlog.Events;

// Events of libbinlogevents/include/control_events.h.

/// <summary>First event of every binlog and relay log file, at position 4.</summary>
public sealed record FormatDescriptionEvent : BinlogEvent
{
    public override EventType Type => EventType.FormatDescription;
    public override int Size => EventSizes.FormatDescription;
    public override string Describe() => "server v8.0";
}

/// <summary>GTIDs of every earlier binlog file; the dump thread uses it to find where auto-positioning starts.</summary>
public sealed record PreviousGtidsEvent(GtidSet Gtids) : BinlogEvent
{
    public override EventType Type => EventType.PreviousGtids;
    public override int Size => EventSizes.PreviousGtids(Gtids);
    public override string Describe() => Gtids.IsEmpty ? "[]" : $"[{Gtids}]";
}

/// <summary>
/// Starts a transaction: its GTID (or anonymous when gtid_mode=OFF), logical clock
/// (last_committed, sequence_number: what the multi-threaded applier schedules by) and length.
/// </summary>
public sealed record GtidEvent(Gtid.Gtid? Gtid, long LastCommitted, long SequenceNumber, long TransactionLength, bool Replicated, bool MayHaveSbr) : BinlogEvent
{
    public override EventType Type => Gtid is null ? EventType.AnonymousGtid : EventType.Gtid;
    public override int Size => SizeOf(Flavor, TransactionLength, Replicated);

    /// <summary>The size of a GTID event with these fields.</summary>
    public static int SizeOf(Flavor flavor, long transactionLength, bool replicated) =>
        flavor == Flavor.MariaDb1011 ? EventSizes.MariaDb.Gtid : EventSizes.Gtid(transactionLength, replicated);
    public override string Describe() => Described();

    protected override bool TryDescribe(Span<char> destination, out int written) => Gtid is { } g
        ? destination.TryWrite($"{g.SourceId}:{g.Gno} last_committed={LastCommitted} sequence_number={SequenceNumber}", out written)
        : destination.TryWrite($"ANONYMOUS last_committed={LastCommitted} sequence_number={SequenceNumber}", out written);
}

/// <summary>Commits a transaction in a transactional engine.</summary>
public sealed record XidEvent(long Xid) : BinlogEvent
{
    public override EventType Type => EventType.Xid;
    public override int Size => EventSizes.Xid;
    public override string Describe() => Described();

    protected override bool TryDescribe(Span<char> destination, out int written) => destination.TryWrite($"COMMIT /* xid={Xid} */", out written);
}

/// <summary>Last event of a file that was rotated: names the next file.</summary>
public sealed record RotateEvent(string NextFile, long Position = 4) : BinlogEvent
{
    public override EventType Type => EventType.Rotate;
    public override int Size => EventSizes.Rotate(NextFile);
    public override string Describe() => $"{NextFile}:{Position}";
}

/// <summary>Written at a clean shutdown.</summary>
public sealed record StopEvent : BinlogEvent
{
    public override EventType Type => EventType.Stop;
    public override int Size => EventSizes.Stop;
    public override string Describe() => "";
}
