using DetSim.Replication.Binlog;
using DetSim.Replication.Gtid;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Server;

// What crosses the simulated network. Records, so traces print them readably.

/// <summary>A client transaction: its statements run in order, then COMMIT (a single statement is autocommit).</summary>
public sealed record ClientRequest(long RequestId, int Session, IReadOnlyList<string> Sql)
{
    public override string ToString() => $"request#{RequestId} s{Session} [{string.Join("; ", Sql)}]";
}

/// <summary>The server's answer: OK with the last SELECT's rows and the row changes made, or an error.</summary>
public sealed record ClientReply(long RequestId, SqlError? Error, IReadOnlyList<Value[]> Rows, IReadOnlyList<RowChange> Changes, IReadOnlyList<string> Warnings, string? Gtid)
{
    public bool Ok => Error is null;

    public override string ToString() => Ok ? $"reply#{RequestId} ok{(Gtid is null ? "" : " " + Gtid)}" : $"reply#{RequestId} {Error}";
}

/// <summary>COM_BINLOG_DUMP / COM_BINLOG_DUMP_GTID from a replica's receiver thread.</summary>
public sealed record DumpRequest(long ConnectionId, uint ServerId, string ServerUuid, bool AutoPosition, BinlogCoordinates Start, GtidSet? ReplicaGtids, bool SemiSync)
{
    public override string ToString() =>
        AutoPosition ? $"dump-gtid conn#{ConnectionId} from [{ReplicaGtids}]" : $"dump conn#{ConnectionId} from {Start}";
}

/// <summary>Events streamed by a dump thread; <see cref="NeedsAck"/> marks the end of a transaction a semi-sync source waits on.</summary>
public sealed record BinlogPacket(long ConnectionId, IReadOnlyList<LoggedEvent> Events, bool NeedsAck)
{
    public override string ToString() => $"binlog conn#{ConnectionId} {Events.Count} events to {Events[^1].End}{(NeedsAck ? " ack-requested" : "")}";
}

/// <summary>Heartbeat from an idle dump thread.</summary>
public sealed record Heartbeat(long ConnectionId, BinlogCoordinates SourceEnd)
{
    public override string ToString() => $"heartbeat conn#{ConnectionId} {SourceEnd}";
}

/// <summary>The dump thread refused or failed: error 1236 with MySQL's text.</summary>
public sealed record DumpError(long ConnectionId, int Code, string Message)
{
    public override string ToString() => $"dump-error conn#{ConnectionId} {Code}: {Message}";
}

/// <summary>Semi-sync reply from a replica's receiver: everything up to <see cref="Position"/> is in its relay log.</summary>
public sealed record SemiSyncAck(long ConnectionId, uint ServerId, BinlogCoordinates Position)
{
    public override string ToString() => $"ack conn#{ConnectionId} {Position}";
}
