using DetSim.Core.Time;

namespace DetSim.Replication.Server;

/// <summary>rpl_semi_sync_source_wait_point.</summary>
public enum SemiSyncWaitPoint : byte
{
    /// <summary>Wait for the ACK after the binlog sync and before the engine commit (MySQL default since 5.7.2).</summary>
    AfterSync,
    /// <summary>Wait after the engine commit: other sessions already see the transaction (MariaDB default).</summary>
    AfterCommit,
}

/// <summary>Source-side semi-synchronous replication (MYSQL-FACTS §4.1; semisync_source_plugin.cc).</summary>
public sealed record SemiSyncOptions
{
    /// <summary>rpl_semi_sync_source_enabled (default OFF).</summary>
    public bool Enabled { get; init; }

    public SemiSyncWaitPoint WaitPoint { get; init; } = SemiSyncWaitPoint.AfterSync;

    /// <summary>rpl_semi_sync_source_wait_for_replica_count (default 1, 1..65535).</summary>
    public int WaitForReplicaCount { get; init; } = 1;

    /// <summary>rpl_semi_sync_source_timeout (default 10000 ms).</summary>
    public Duration Timeout { get; init; } = Duration.FromMillis(10_000);

    /// <summary>rpl_semi_sync_source_wait_no_replica (default ON): keep waiting even when fewer semi-sync replicas are connected.</summary>
    public bool WaitNoReplica { get; init; } = true;

    public static SemiSyncOptions Off { get; } = new();

    public static SemiSyncOptions AfterSync(int ackCount = 1, Duration? timeout = null) =>
        new() { Enabled = true, WaitPoint = SemiSyncWaitPoint.AfterSync, WaitForReplicaCount = ackCount, Timeout = timeout ?? Duration.FromMillis(10_000) };

    public static SemiSyncOptions AfterCommit(int ackCount = 1, Duration? timeout = null) =>
        new() { Enabled = true, WaitPoint = SemiSyncWaitPoint.AfterCommit, WaitForReplicaCount = ackCount, Timeout = timeout ?? Duration.FromMillis(10_000) };
}
