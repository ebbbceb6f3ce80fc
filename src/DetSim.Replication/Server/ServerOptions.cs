using DetSim.Core.Time;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Engine;

namespace DetSim.Replication.Server;

/// <summary>
/// One server's configuration, with MySQL 8.0 defaults (MYSQL-FACTS §10; RM80 option pages).
/// <see cref="ForMariaDb"/> gives MariaDB 10.11's defaults where they differ.
/// </summary>
public sealed record ServerOptions
{
    public Flavor Flavor { get; init; } = Flavor.MySql80;

    /// <summary>server_id; 0 means "derive from the node index" (1-based).</summary>
    public uint ServerId { get; init; }

    /// <summary>server_uuid; empty means "derive from the server name" deterministically.</summary>
    public string ServerUuid { get; init; } = "";

    public BinlogFormat BinlogFormat { get; init; } = BinlogFormat.Row;
    public RowImage BinlogRowImage { get; init; } = RowImage.Full;

    /// <summary>gtid_mode=ON (with enforce_gtid_consistency) or OFF (anonymous transactions). 8.0 default OFF.</summary>
    public bool GtidMode { get; init; }

    /// <summary>sync_binlog: 1 fsync every group (default), 0 never (OS decides), N every N groups.</summary>
    public long SyncBinlog { get; init; } = 1;

    public FlushLogAtTrxCommit InnodbFlushLogAtTrxCommit { get; init; } = FlushLogAtTrxCommit.EachCommit;

    /// <summary>log_replica_updates (default ON in 8.0, OFF in MariaDB).</summary>
    public bool LogReplicaUpdates { get; init; } = true;

    /// <summary>max_binlog_size (default 1 GiB).</summary>
    public long MaxBinlogSize { get; init; } = 1L << 30;

    /// <summary>
    /// Not a MySQL variable: this server's optimizer may choose another access path than the
    /// clustered index for UPDATE / DELETE … LIMIT without ORDER BY (another index, or a different
    /// scan direction), which is why MySQL calls the statement unsafe (ER_BINLOG_UNSAFE_LIMIT; RM80
    /// replication-features-limit.html). Default false: InnoDB servers with the same data and
    /// indexes take the primary key order and a STATEMENT replica changes the same rows.
    /// </summary>
    public bool AccessPathVaries { get; init; }

    public int AutoIncrementIncrement { get; init; } = 1;
    public int AutoIncrementOffset { get; init; } = 1;

    public bool ReadOnly { get; init; }

    public SemiSyncOptions SemiSync { get; init; } = SemiSyncOptions.Off;

    /// <summary>rpl_semi_sync_replica_enabled: this server's receiver acknowledges as a semi-sync replica.</summary>
    public bool ReplicaSemiSync { get; init; }

    /// <summary>replica_parallel_workers (1 = single-threaded applier).</summary>
    public int ReplicaParallelWorkers { get; init; } = 1;

    /// <summary>replica_preserve_commit_order (default ON since 8.0.27).</summary>
    public bool ReplicaPreserveCommitOrder { get; init; } = true;

    /// <summary>
    /// Crash-safe replica: relay_log_info_repository=TABLE (position committed with each
    /// transaction) and relay_log_recovery=ON. False: FILE repository, recovery OFF (pre-8.0 setups).
    /// </summary>
    public bool CrashSafeReplica { get; init; } = true;

    /// <summary>sync_relay_log (default 10000 events).</summary>
    public long SyncRelayLog { get; init; } = 10_000;

    /// <summary>sync_relay_log_info / sync_source_info for the FILE repositories (default 10000).</summary>
    public long SyncRelayLogInfo { get; init; } = 10_000;

    /// <summary>Simulated cost of one fsync.</summary>
    public Duration FsyncLatency { get; init; } = Duration.FromMicros(500);

    /// <summary>Applier cost per transaction and per row (how fast a replica can keep up).</summary>
    public Duration ApplyCostPerTransaction { get; init; } = Duration.FromMicros(50);
    public Duration ApplyCostPerRow { get; init; } = Duration.FromMicros(10);

    /// <summary>replica_net_timeout (default 60 s): no data or heartbeat for this long and the receiver reconnects.</summary>
    public Duration ReplicaNetTimeout { get; init; } = Duration.FromSeconds(60);

    /// <summary>SOURCE_HEARTBEAT_PERIOD (default replica_net_timeout / 2).</summary>
    public Duration? HeartbeatPeriod { get; init; }

    /// <summary>SOURCE_CONNECT_RETRY (default 60 s).</summary>
    public Duration ConnectRetry { get; init; } = Duration.FromSeconds(60);

    /// <summary>transaction_isolation (MariaDB tx_isolation), the sessions' default (REPEATABLE-READ in both).</summary>
    public Sql.IsolationLevel TransactionIsolation { get; init; } = Sql.IsolationLevel.RepeatableRead;

    /// <summary>innodb_lock_wait_timeout (default 50 s): a row lock wait longer than this fails with 1205.</summary>
    public Duration InnodbLockWaitTimeout { get; init; } = Duration.FromSeconds(50);

    public Duration EffectiveHeartbeat => HeartbeatPeriod ?? new Duration(ReplicaNetTimeout.Micros / 2);

    /// <summary>MariaDB 10.11 defaults where they differ from MySQL 8.0 (MYSQL-FACTS §10).</summary>
    public static ServerOptions ForMariaDb() => new()
    {
        Flavor = Flavor.MariaDb1011,
        BinlogFormat = BinlogFormat.Mixed,
        GtidMode = true,
        SyncBinlog = 0,
        LogReplicaUpdates = false,
        SemiSync = SemiSyncOptions.Off with { WaitPoint = SemiSyncWaitPoint.AfterCommit },
        ReplicaParallelWorkers = 1,
    };

    /// <summary>Errors for impossible values, each naming the MySQL variable and its range.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (AutoIncrementIncrement is < 1 or > 65535) errors.Add($"auto_increment_increment must be 1..65535, got {AutoIncrementIncrement}");
        if (AutoIncrementOffset is < 1 or > 65535) errors.Add($"auto_increment_offset must be 1..65535, got {AutoIncrementOffset}");
        if (SyncBinlog < 0) errors.Add($"sync_binlog must be 0..4294967295, got {SyncBinlog}");
        if (MaxBinlogSize is < 4096 or > 1L << 30) errors.Add($"max_binlog_size must be 4096..1073741824, got {MaxBinlogSize}");
        if (SemiSync.WaitForReplicaCount is < 1 or > 65535) errors.Add($"rpl_semi_sync_source_wait_for_replica_count must be 1..65535, got {SemiSync.WaitForReplicaCount}");
        if (SemiSync.Timeout.Micros < 0) errors.Add("rpl_semi_sync_source_timeout must not be negative");
        if (ReplicaParallelWorkers is < 1 or > 1024) errors.Add($"replica_parallel_workers must be 1..1024, got {ReplicaParallelWorkers}");
        if (FsyncLatency.Micros < 0) errors.Add("fsync latency must not be negative");
        if (ReplicaNetTimeout.Micros <= 0) errors.Add($"replica_net_timeout must be positive, got {ReplicaNetTimeout}");
        if (HeartbeatPeriod is { Micros: <= 0 } hb) errors.Add($"heartbeat_period must be positive, got {hb}");
        if (ConnectRetry.Micros <= 0) errors.Add($"connect_retry must be positive, got {ConnectRetry}");
        return errors;
    }
}
