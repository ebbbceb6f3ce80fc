using DetSim.Replication.Binlog;
using DetSim.Replication.Replica;

namespace DetSim.Replication.Server;

/// <summary>SHOW REPLICA STATUS, the fields failover tools and checkers read.</summary>
public sealed record ReplicaStatus(
    string SourceHost,
    bool AutoPosition,
    ReplicaThreadState IoState,
    ReplicaThreadState SqlState,
    BinlogCoordinates ReadSourceLogPos,
    BinlogCoordinates ExecSourceLogPos,
    int LastIoErrno,
    string LastIoError,
    int LastSqlErrno,
    string LastSqlError,
    string RetrievedGtidSet,
    string ExecutedGtidSet,
    bool ApplierIdle,
    long? SecondsBehindSource = null) // Seconds_Behind_Source: null is NULL (sql/rpl_replica.cc show_replica_status)
{
    /// <summary>MariaDB's Gtid_IO_Pos: the last GTID received, domain-server-seq; empty in the MySQL flavour (gtid_slave_pos is a variable: <see cref="MySqlServer.MariaDbGtids"/>).</summary>
    public string GtidIoPos { get; init; } = "";

    /// <summary>MariaDB's Using_Gtid: No, Slave_Pos or Current_Pos.</summary>
    public string UsingGtid { get; init; } = "";

    public bool Healthy => IoState != ReplicaThreadState.Error && SqlState != ReplicaThreadState.Error;

    public override string ToString() =>
        $"Source_Host={SourceHost} Replica_IO_Running={IoState} Replica_SQL_Running={SqlState} Read_Source_Log_Pos={ReadSourceLogPos} Exec_Source_Log_Pos={ExecSourceLogPos}" +
        (LastIoErrno != 0 ? $" Last_IO_Errno={LastIoErrno} Last_IO_Error=\"{LastIoError}\"" : "") +
        (LastSqlErrno != 0 ? $" Last_SQL_Errno={LastSqlErrno} Last_SQL_Error=\"{LastSqlError}\"" : "");
}
