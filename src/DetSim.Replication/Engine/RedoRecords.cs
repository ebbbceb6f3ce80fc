using DetSim.Replication.Storage;

namespace DetSim.Replication.Engine;

/// <summary>
/// Where the applier stands, as stored in mysql.slave_relay_log_info (TABLE repository) or
/// relay-log.info (FILE). A multi-threaded applier without replica_preserve_commit_order stores its
/// low-water mark here plus <see cref="DoneAfter"/>: the source end positions of the transactions
/// after it that the workers already committed, the union of mysql.slave_worker_info's group
/// bitmaps (sql/rpl_rli_pdb.cc, Slave_worker::commit_positions; sql/rpl_mta_submode.cc).
/// </summary>
public sealed record ApplierPosition(Binlog.BinlogCoordinates SourcePosition, long RelayIndex, IReadOnlyList<Binlog.BinlogCoordinates>? DoneAfter = null)
{
    public override string ToString() => $"{SourcePosition} relay#{RelayIndex}" + (DoneAfter is { Count: > 0 } d ? $" +{d.Count} done after it" : "");
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
