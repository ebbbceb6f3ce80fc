using DetSim.Core.Settings;
using DetSim.Core.Time;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Engine;
using DetSim.Replication.Server;

namespace DetSim.Replication.Settings;

/// <summary>
/// The server variables a spec may set (under <c>defaults:</c> or a server), each declared once
/// with MySQL 8.0's default and MariaDB 10.11's where it differs (MYSQL-FACTS §10).
/// <see cref="ServerOptions"/> takes its defaults from here; the spec format is generated from here.
/// </summary>
public static class ServerSettings
{
    private const string BinlogOpts = "RM80 replication-options-binary-log.html";
    private const string ReplicaOpts = "RM80 replication-options-replica.html";

    public static readonly Setting<BinlogFormat> BinlogFormat = Declare.Choice("binlog_format", Server.BinlogFormat.Row, "binlog_format",
        ("ROW", Server.BinlogFormat.Row), ("STATEMENT", Server.BinlogFormat.Statement), ("MIXED", Server.BinlogFormat.Mixed))
        .WithMariaDb(Server.BinlogFormat.Mixed) with { Citation = BinlogOpts + "#sysvar_binlog_format; MariaDB: binary-log-formats" };

    public static readonly Setting<RowImage> BinlogRowImage = Declare.Choice("binlog_row_image", RowImage.Full, "binlog_row_image",
        ("FULL", RowImage.Full), ("MINIMAL", RowImage.Minimal), ("NOBLOB", RowImage.NoBlob)) with { Citation = BinlogOpts + "#sysvar_binlog_row_image" };

    public static readonly Setting<bool> GtidMode = Declare.Choice("gtid_mode", false, "gtid_mode (with enforce_gtid_consistency)", ("ON", true), ("OFF", false))
        .WithMariaDb(true) with { Citation = "RM80 replication-options-gtids.html#sysvar_gtid_mode; MariaDB always writes GTIDs (gtid.html)" };

    public static readonly Setting<long> SyncBinlog = Declare.Long("sync_binlog", 1, 0, 4_294_967_295, "sync_binlog: 1 fsync per group commit, 0 never, N every N groups")
        .WithMariaDb(0) with { Citation = BinlogOpts + "#sysvar_sync_binlog" };

    public static readonly Setting<FlushLogAtTrxCommit> InnodbFlushLogAtTrxCommit = Declare.Integer("innodb_flush_log_at_trx_commit", FlushLogAtTrxCommit.EachCommit, 0, 2,
        "innodb_flush_log_at_trx_commit", v => (FlushLogAtTrxCommit)v, v => (long)v) with { Citation = "RM80 innodb-parameters.html#sysvar_innodb_flush_log_at_trx_commit" };

    public static readonly Setting<bool> LogReplicaUpdates = Declare.Bool("log_replica_updates", true, "log_replica_updates")
        .WithMariaDb(false) with { Citation = BinlogOpts + "#sysvar_log_replica_updates" };

    public static readonly Setting<int> ReplicaParallelWorkers = Declare.Int("replica_parallel_workers", 4, 0, 1024, "replica_parallel_workers (0 and 1: single-threaded; MariaDB's slave_parallel_threads)")
        .WithMariaDb(1) with { Citation = ReplicaOpts + "#sysvar_replica_parallel_workers (4 since 8.0.27); MariaDB slave_parallel_threads 0 = no parallel applier (parallel-replication.html)" };

    public static readonly Setting<bool> ReplicaPreserveCommitOrder = Declare.Bool("replica_preserve_commit_order", true, "replica_preserve_commit_order")
        with { Citation = ReplicaOpts + "#sysvar_replica_preserve_commit_order (ON since 8.0.27)" };

    public static readonly Setting<long> SyncRelayLog = Declare.Long("sync_relay_log", 10_000, 0, 4_294_967_295, "sync_relay_log (events between relay log fsyncs; 0 is read as 1)")
        with { Citation = ReplicaOpts + "#sysvar_sync_relay_log" };

    public static readonly Setting<long> SyncRelayLogInfo = Declare.Long("sync_relay_log_info", 10_000, 0, 4_294_967_295, "sync_relay_log_info / sync_source_info for FILE repositories (0 is read as 1)")
        with { Citation = ReplicaOpts + "#sysvar_sync_relay_log_info" };

    public static readonly Setting<int> AutoIncrementIncrement = Declare.Int("auto_increment_increment", 1, 1, 65535, "auto_increment_increment")
        with { Citation = "RM80 replication-options-source.html#sysvar_auto_increment_increment" };

    public static readonly Setting<int> AutoIncrementOffset = Declare.Int("auto_increment_offset", 1, 1, 65535, "auto_increment_offset")
        with { Citation = "RM80 replication-options-source.html#sysvar_auto_increment_offset" };

    public static readonly Setting<long> MaxBinlogSize = Declare.Size("max_binlog_size", 1L << 30, 4096, 1L << 30, "max_binlog_size")
        with { Citation = BinlogOpts + "#sysvar_max_binlog_size" };

    public static readonly Setting<bool> ReadOnly = Declare.Bool("read_only", false, "read_only")
        with { Citation = "RM80 server-system-variables.html#sysvar_read_only" };

    public static readonly Setting<bool> AccessPathVaries = Declare.Bool("access_path_varies", false,
        "not a MySQL variable: UPDATE/DELETE ... LIMIT without ORDER BY may take another access path than the primary key on this server (drawn from the seed), why MySQL calls LIMIT unsafe; false: primary key order")
        with { Citation = "RM80 replication-features-limit.html" };

    public static readonly Setting<bool> ReplicaSemiSync = Declare.Bool("replica_semi_sync", false, "rpl_semi_sync_replica_enabled: this server acknowledges as a semi-sync replica")
        with { Citation = "RM80 replication-options-replica.html#sysvar_rpl_semi_sync_replica_enabled" };

    public static readonly Setting<Duration> FsyncLatency = Declare.Duration("fsync_latency", Duration.FromMicros(500), "simulated cost of one fsync");

    public static readonly Setting<Duration> ApplyCost = Declare.Duration("apply_cost", Duration.FromMicros(50), "applier cost per transaction");

    /// <summary>Not in specs: the applier's cost per row.</summary>
    public static readonly Setting<Duration> ApplyCostPerRow = Declare.Duration("apply_cost_per_row", Duration.FromMicros(10), "applier cost per row");

    public static readonly Setting<Duration> ReplicaNetTimeout = Declare.Duration("replica_net_timeout", Duration.FromSeconds(60), "replica_net_timeout")
        with { Positive = true, Citation = ReplicaOpts + "#sysvar_replica_net_timeout" };

    public static readonly Setting<Duration?> HeartbeatPeriod = Declare.OptionalDuration("heartbeat_period", "SOURCE_HEARTBEAT_PERIOD")
        with { Positive = true, DefaultNote = "replica_net_timeout / 2", Citation = "RM80 change-replication-source-to.html" };

    public static readonly Setting<Duration> ConnectRetry = Declare.Duration("connect_retry", Duration.FromSeconds(60), "SOURCE_CONNECT_RETRY: wait between failed connection attempts of the receiver")
        with { Positive = true, Citation = "RM80 change-replication-source-to.html" };

    public static readonly Setting<Sql.IsolationLevel> TransactionIsolation = Declare.Choice("transaction_isolation", Sql.IsolationLevel.RepeatableRead,
        "transaction_isolation (MariaDB tx_isolation): the sessions' default level; READ-COMMITTED and READ-UNCOMMITTED make STATEMENT format fail with 1665",
        ("REPEATABLE-READ", Sql.IsolationLevel.RepeatableRead), ("READ-COMMITTED", Sql.IsolationLevel.ReadCommitted),
        ("READ-UNCOMMITTED", Sql.IsolationLevel.ReadUncommitted), ("SERIALIZABLE", Sql.IsolationLevel.Serializable))
        with { Citation = "RM80 server-system-variables.html#sysvar_transaction_isolation" };

    public static readonly Setting<Duration> InnodbLockWaitTimeout = Declare.Duration("innodb_lock_wait_timeout", Duration.FromSeconds(50),
        "innodb_lock_wait_timeout: a client's row lock wait longer than this fails with 1205")
        with { Positive = true, Citation = "RM80 innodb-parameters.html#sysvar_innodb_lock_wait_timeout" };

    /// <summary>server_id: 0 in the record means "derive from the node index"; a spec's default is its position in the servers list.</summary>
    public static readonly Setting<long> ServerId = Declare.Long("server_id", 0, 1, 4_294_967_295, "server_id") with
    {
        DefaultNote = "position in the servers list, from 1", Citation = "RM80 replication-options.html#sysvar_server_id",
    };

    // ---- the replica's repositories and recovery (before the Spec lists: static fields initialise in order) ----

    public static readonly Setting<Replica.InfoRepository> RelayLogInfoRepository = Declare.Choice("relay_log_info_repository", Replica.InfoRepository.Table,
        "relay_log_info_repository and master_info_repository: TABLE commits the applier position with each transaction; FILE writes relay-log.info / master.info after it",
        ("TABLE", Replica.InfoRepository.Table), ("FILE", Replica.InfoRepository.File))
        .WithMariaDb(Replica.InfoRepository.File) with
    {
        Citation = ReplicaOpts + "#sysvar_relay_log_info_repository (TABLE by default, FILE deprecated); MariaDB keeps relay-log.info and master.info files",
    };

    public static readonly Setting<bool> RelayLogRecovery = Declare.Choice("relay_log_recovery", false,
        "relay_log_recovery: at startup discard the relay log and fetch again from the applier's position; OFF resumes the receiver from its saved position and keeps the relay log",
        ("ON", true), ("OFF", false)) with
    {
        Citation = ReplicaOpts + "#sysvar_relay_log_recovery; sql/rpl_replica.cc init_recovery",
    };

    /// <summary>Every server setting a spec may give, in the order the reference lists them (semi_sync, a nested block, goes after replica settings).</summary>
    public static IReadOnlyList<Setting> Spec { get; } =
    [
        BinlogFormat, BinlogRowImage, GtidMode, SyncBinlog, InnodbFlushLogAtTrxCommit, LogReplicaUpdates, ReplicaParallelWorkers,
        ReplicaPreserveCommitOrder, RelayLogInfoRepository, RelayLogRecovery, SyncRelayLog, SyncRelayLogInfo, AutoIncrementIncrement, AutoIncrementOffset,
        MaxBinlogSize, ReadOnly, AccessPathVaries,
    ];

    /// <summary>The settings after the semi_sync block, in the reference's order.</summary>
    public static IReadOnlyList<Setting> SpecAfterSemiSync { get; } = [ReplicaSemiSync, FsyncLatency, ApplyCost, ReplicaNetTimeout, HeartbeatPeriod, ConnectRetry, TransactionIsolation, InnodbLockWaitTimeout];
}
