using DetSim.Replication.Binlog;

namespace DetSim.Replication.Server;

// What a failover tool sends a server inside DetSim.Harness.Failover.AdminRequest, over a client
// connection, and what comes back inside AdminReply. Each stands for the statement it names.

/// <summary>SHOW REPLICA STATUS, SELECT @@gtid_executed, @@read_only, @@server_uuid, @@gtid_mode (what orchestrator reads per instance).</summary>
public sealed record ShowStatus
{
    public static ShowStatus Instance { get; } = new();
}

/// <summary>A server's state as one status query returned it.</summary>
/// <param name="RelayBacklog">Whole transactions received but not yet applied while the SQL thread runs (GTID_SUBTRACT(Retrieved_Gtid_Set, Executed_Gtid_Set) with GTIDs).</param>
/// <param name="RelayLogApplied">Not a replica, SQL thread not running, or it applied all it received.</param>
public sealed record ServerStatus(string Name, string Uuid, bool GtidMode, bool ReadOnly, string GtidExecuted, ReplicaStatus? Replica, int RelayBacklog, bool RelayLogApplied)
{
    public string? SourceHost => Replica?.SourceHost;
}

/// <summary>STOP REPLICA. The reply is <see cref="ReplicaStopped"/>.</summary>
public sealed record StopReplicaCommand
{
    public static StopReplicaCommand Instance { get; } = new();
}

/// <summary>STOP REPLICA's result: how many received transactions the SQL thread had not applied when it stopped.</summary>
public sealed record ReplicaStopped(int Unapplied);

/// <summary>RESET REPLICA ALL.</summary>
public sealed record ResetReplicaAllCommand
{
    public static ResetReplicaAllCommand Instance { get; } = new();
}

/// <summary>SET GLOBAL read_only = ON|OFF.</summary>
public sealed record SetReadOnlyCommand(bool ReadOnly);

/// <summary>CHANGE REPLICATION SOURCE TO SOURCE_HOST=..., SOURCE_AUTO_POSITION=1 or SOURCE_LOG_FILE/POS; then START REPLICA.</summary>
public sealed record ChangeSourceCommand(string Source, bool AutoPosition, BinlogCoordinates Position);

/// <summary>
/// WAIT_FOR_EXECUTED_GTID_SET / SOURCE_POS_WAIT to what the IO thread has received: the reply
/// (<see cref="RelayLogAppliedReply"/>) comes when the SQL thread applied it all, or stopped.
/// </summary>
public sealed record WaitForRelayLogCommand
{
    public static WaitForRelayLogCommand Instance { get; } = new();
}

public sealed record RelayLogAppliedReply
{
    public static RelayLogAppliedReply Instance { get; } = new();
}

/// <summary>A statement without a result set succeeded.</summary>
public sealed record AdminOk
{
    public static AdminOk Instance { get; } = new();
}
