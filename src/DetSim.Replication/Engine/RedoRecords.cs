using DetSim.Replication.Storage;

namespace DetSim.Replication.Engine;

/// <summary>Where the applier stands, as stored in mysql.slave_relay_log_info (TABLE repository) or relay-log.info (FILE).</summary>
public sealed record ApplierPosition(Binlog.BinlogCoordinates SourcePosition, long RelayIndex)
{
    public override string ToString() => $"{SourcePosition} relay#{RelayIndex}";
}

/// <summary>InnoDB redo for a prepared transaction: its row changes, its GTID (mysql.gtid_executed is written in the same transaction since 8.0.17) and, on a crash-safe replica, the applier position.</summary>
public sealed record RedoPrepare(long Xid, IReadOnlyList<RowChange> Changes, Gtid.Gtid? Gtid, ApplierPosition? Position, IReadOnlyList<TableSchema> CreatedTables)
{
    public int Size => 64 + Changes.Count * 32;
}

public sealed record RedoCommit(long Xid);

public sealed record RedoRollback(long Xid);

/// <summary>The data a server was provisioned with (a restored backup) before replication started.</summary>
public sealed record RedoBaseline(IReadOnlyList<(TableSchema Schema, IReadOnlyList<Value[]> Rows)> Tables);

/// <summary>What crash recovery did with the prepared transactions it found in the redo log.</summary>
public sealed record EngineRecovery(IReadOnlyList<long> Committed, IReadOnlyList<long> RolledBack);
