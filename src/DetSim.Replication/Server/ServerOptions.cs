using DetSim.Core.Time;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Engine;
using DetSim.Replication.Settings;
using static DetSim.Core.Settings.SettingChecks;
using S = DetSim.Replication.Settings.ServerSettings;

namespace DetSim.Replication.Server;

/// <summary>
/// One server's configuration, with MySQL 8.0 defaults declared once in <see cref="ServerSettings"/>
/// (MYSQL-FACTS §10; RM80 option pages). <see cref="ForMariaDb"/> gives MariaDB 10.11's defaults where they differ.
/// </summary>
public sealed record ServerOptions
{
    public Flavor Flavor { get; init; } = Flavor.MySql80;

    /// <summary>server_id; 0 means "derive from the node index" (1-based).</summary>
    public uint ServerId { get; init; } = (uint)S.ServerId.Default;

    /// <summary>server_uuid; empty means "derive from the server name" deterministically.</summary>
    public string ServerUuid { get; init; } = "";

    public BinlogFormat BinlogFormat { get; init; } = S.BinlogFormat.Default;
    public RowImage BinlogRowImage { get; init; } = S.BinlogRowImage.Default;

    /// <summary>gtid_mode=ON (with enforce_gtid_consistency) or OFF (anonymous transactions). 8.0 default OFF.</summary>
    public bool GtidMode { get; init; } = S.GtidMode.Default;

    /// <summary>sync_binlog: 1 fsync every group (default), 0 never (OS decides), N every N groups.</summary>
    public long SyncBinlog { get; init; } = S.SyncBinlog.Default;

    public FlushLogAtTrxCommit InnodbFlushLogAtTrxCommit { get; init; } = S.InnodbFlushLogAtTrxCommit.Default;

    /// <summary>log_replica_updates (default ON in 8.0, OFF in MariaDB).</summary>
    public bool LogReplicaUpdates { get; init; } = S.LogReplicaUpdates.Default;

    /// <summary>max_binlog_size (default 1 GiB).</summary>
    public long MaxBinlogSize { get; init; } = S.MaxBinlogSize.Default;

    /// <summary>
    /// Not a MySQL variable: this server's optimizer may choose another access path than the
    /// clustered index for UPDATE / DELETE … LIMIT without ORDER BY (another index, or a different
    /// scan direction), which is why MySQL calls the statement unsafe (ER_BINLOG_UNSAFE_LIMIT; RM80
    /// replication-features-limit.html). Default false: InnoDB servers with the same data and
    /// indexes take the primary key order and a STATEMENT replica changes the same rows.
    /// </summary>
    public bool AccessPathVaries { get; init; } = S.AccessPathVaries.Default;

    public int AutoIncrementIncrement { get; init; } = S.AutoIncrementIncrement.Default;
    public int AutoIncrementOffset { get; init; } = S.AutoIncrementOffset.Default;

    public bool ReadOnly { get; init; } = S.ReadOnly.Default;

    public SemiSyncOptions SemiSync { get; init; } = SemiSyncOptions.Off;

    /// <summary>rpl_semi_sync_replica_enabled: this server's receiver acknowledges as a semi-sync replica.</summary>
    public bool ReplicaSemiSync { get; init; } = S.ReplicaSemiSync.Default;

    /// <summary>replica_parallel_workers (1 = single-threaded applier; 4 since 8.0.27).</summary>
    public int ReplicaParallelWorkers { get; init; } = S.ReplicaParallelWorkers.Default;

    /// <summary>replica_preserve_commit_order (default ON since 8.0.27).</summary>
    public bool ReplicaPreserveCommitOrder { get; init; } = S.ReplicaPreserveCommitOrder.Default;

    /// <summary>relay_log_info_repository / master_info_repository (TABLE in MySQL 8.0, files in MariaDB).</summary>
    public Replica.InfoRepository RelayLogInfoRepository { get; init; } = S.RelayLogInfoRepository.Default;

    /// <summary>relay_log_recovery (OFF by default in both servers).</summary>
    public bool RelayLogRecovery { get; init; } = S.RelayLogRecovery.Default;

    /// <summary>The applier position is committed with each transaction (mysql.slave_relay_log_info).</summary>
    public bool PositionInTable => RelayLogInfoRepository == Replica.InfoRepository.Table;

    /// <summary>sync_relay_log (default 10000 events).</summary>
    public long SyncRelayLog { get; init; } = S.SyncRelayLog.Default;

    /// <summary>sync_relay_log_info / sync_source_info for the FILE repositories (default 10000).</summary>
    public long SyncRelayLogInfo { get; init; } = S.SyncRelayLogInfo.Default;

    /// <summary>Simulated cost of one fsync.</summary>
    public Duration FsyncLatency { get; init; } = S.FsyncLatency.Default;

    /// <summary>Applier cost per transaction and per row (how fast a replica can keep up).</summary>
    public Duration ApplyCostPerTransaction { get; init; } = S.ApplyCost.Default;
    public Duration ApplyCostPerRow { get; init; } = S.ApplyCostPerRow.Default;

    /// <summary>replica_net_timeout (default 60 s): no data or heartbeat for this long and the receiver reconnects.</summary>
    public Duration ReplicaNetTimeout { get; init; } = S.ReplicaNetTimeout.Default;

    /// <summary>SOURCE_HEARTBEAT_PERIOD (default replica_net_timeout / 2).</summary>
    public Duration? HeartbeatPeriod { get; init; } = S.HeartbeatPeriod.Default;

    /// <summary>SOURCE_CONNECT_RETRY (default 60 s).</summary>
    public Duration ConnectRetry { get; init; } = S.ConnectRetry.Default;

    /// <summary>transaction_isolation (MariaDB tx_isolation), the sessions' default (REPEATABLE-READ in both).</summary>
    public Sql.IsolationLevel TransactionIsolation { get; init; } = S.TransactionIsolation.Default;

    /// <summary>innodb_lock_wait_timeout (default 50 s): a row lock wait longer than this fails with 1205.</summary>
    public Duration InnodbLockWaitTimeout { get; init; } = S.InnodbLockWaitTimeout.Default;

    public Duration EffectiveHeartbeat => HeartbeatPeriod ?? new Duration(ReplicaNetTimeout.Micros / 2);

    /// <summary>MariaDB 10.11 defaults where they differ from MySQL 8.0 (MYSQL-FACTS §10).</summary>
    public static ServerOptions ForMariaDb() => new()
    {
        Flavor = Flavor.MariaDb1011,
        BinlogFormat = S.BinlogFormat.DefaultFor(Maria),
        GtidMode = S.GtidMode.DefaultFor(Maria),
        SyncBinlog = S.SyncBinlog.DefaultFor(Maria),
        LogReplicaUpdates = S.LogReplicaUpdates.DefaultFor(Maria),
        RelayLogInfoRepository = S.RelayLogInfoRepository.DefaultFor(Maria),
        ReplicaParallelWorkers = S.ReplicaParallelWorkers.DefaultFor(Maria),
        SemiSync = SemiSyncOptions.Off with { WaitPoint = SemiSyncSettings.WaitPoint.DefaultFor(Maria) },
    };

    private const Core.Settings.SettingFlavor Maria = Core.Settings.SettingFlavor.MariaDb1011;

    /// <summary>Errors for impossible values, each naming the MySQL variable and its range.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        InRange(errors, S.AutoIncrementIncrement, AutoIncrementIncrement);
        InRange(errors, S.AutoIncrementOffset, AutoIncrementOffset);
        InRange(errors, S.SyncBinlog, SyncBinlog);
        InRange(errors, S.MaxBinlogSize, MaxBinlogSize);
        errors.AddRange(SemiSync.Validate());
        InRange(errors, S.ReplicaParallelWorkers, ReplicaParallelWorkers, min: 1);
        if (FsyncLatency.Micros < 0) errors.Add("fsync latency must not be negative");
        if (ReplicaNetTimeout.Micros <= 0) errors.Add($"replica_net_timeout must be positive, got {ReplicaNetTimeout}");
        if (HeartbeatPeriod is { Micros: <= 0 } hb) errors.Add($"heartbeat_period must be positive, got {hb}");
        if (ConnectRetry.Micros <= 0) errors.Add($"connect_retry must be positive, got {ConnectRetry}");
        return errors;
    }
}
