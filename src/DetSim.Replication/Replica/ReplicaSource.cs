using DetSim.Replication.Binlog;

namespace DetSim.Replication.Replica;

/// <summary>
/// CHANGE REPLICATION SOURCE TO: the source and how to position on it (RM80
/// change-replication-source-to.html). With <see cref="AutoPosition"/> the replica sends its
/// GTID set; otherwise it asks for <see cref="Start"/> in the source's binlog.
/// </summary>
public sealed record ReplicaSource(string SourceName, bool AutoPosition, BinlogCoordinates Start)
{
    /// <summary>
    /// MariaDB's MASTER_USE_GTID=current_pos (true) or slave_pos (false, the harness's and the
    /// usual choice): current_pos also asks from this server's own newest binlog GTID (KB "CHANGE MASTER TO").
    /// </summary>
    public bool CurrentPos { get; init; }

    public static ReplicaSource ByGtid(string source) => new(source, true, BinlogCoordinates.None);

    public static ReplicaSource ByPosition(string source, BinlogCoordinates start) => new(source, false, start);

    public override string ToString() =>
        AutoPosition ? $"SOURCE_HOST='{SourceName}', SOURCE_AUTO_POSITION=1" : $"SOURCE_HOST='{SourceName}', SOURCE_LOG_FILE='{Start.File}', SOURCE_LOG_POS={Start.Position}";
}
