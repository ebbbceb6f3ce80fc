using DetSim.Core.Time;
using DetSim.Replication.Settings;
using static DetSim.Core.Settings.SettingChecks;

namespace DetSim.Replication.Server;

/// <summary>rpl_semi_sync_source_wait_point.</summary>
public enum SemiSyncWaitPoint : byte
{
    /// <summary>Wait for the ACK after the binlog sync and before the engine commit (MySQL default since 5.7.2).</summary>
    AfterSync,
    /// <summary>Wait after the engine commit: other sessions already see the transaction (MariaDB default).</summary>
    AfterCommit,
}

/// <summary>Source-side semi-synchronous replication (MYSQL-FACTS §4.1; semisync_source_plugin.cc); defaults declared in <see cref="SemiSyncSettings"/>.</summary>
public sealed record SemiSyncOptions
{
    /// <summary>rpl_semi_sync_source_enabled (default OFF).</summary>
    public bool Enabled { get; init; } = SemiSyncSettings.Enabled.Default;

    public SemiSyncWaitPoint WaitPoint { get; init; } = SemiSyncSettings.WaitPoint.Default;

    /// <summary>rpl_semi_sync_source_wait_for_replica_count (default 1, 1..65535).</summary>
    public int WaitForReplicaCount { get; init; } = SemiSyncSettings.WaitForReplicaCount.Default;

    /// <summary>rpl_semi_sync_source_timeout (default 10000 ms).</summary>
    public Duration Timeout { get; init; } = SemiSyncSettings.Timeout.Default;

    /// <summary>rpl_semi_sync_source_wait_no_replica (default ON): keep waiting even when fewer semi-sync replicas are connected.</summary>
    public bool WaitNoReplica { get; init; } = SemiSyncSettings.WaitNoReplica.Default;

    public static SemiSyncOptions Off { get; } = new();

    public static SemiSyncOptions AfterSync(int ackCount = 1, Duration? timeout = null) =>
        new() { Enabled = true, WaitPoint = SemiSyncWaitPoint.AfterSync, WaitForReplicaCount = ackCount, Timeout = timeout ?? SemiSyncSettings.Timeout.Default };

    public static SemiSyncOptions AfterCommit(int ackCount = 1, Duration? timeout = null) =>
        new() { Enabled = true, WaitPoint = SemiSyncWaitPoint.AfterCommit, WaitForReplicaCount = ackCount, Timeout = timeout ?? SemiSyncSettings.Timeout.Default };

    /// <summary>Errors for impossible values, each naming the MySQL variable and its range.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        InRange(errors, SemiSyncSettings.WaitForReplicaCount with { Name = "rpl_semi_sync_source_wait_for_replica_count" }, WaitForReplicaCount);
        if (Timeout.Micros < 0) errors.Add("rpl_semi_sync_source_timeout must not be negative");
        return errors;
    }
}
