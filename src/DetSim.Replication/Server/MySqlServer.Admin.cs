using DetSim.Core.Disk;
using DetSim.Replication.Binlog;
using DetSim.Replication.Engine;
using DetSim.Replication.Replica;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Server;

// Statements a DBA or a failover tool runs: CHANGE REPLICATION SOURCE TO, START/STOP/RESET REPLICA,
// read_only, PURGE/FLUSH BINARY LOGS, SHOW REPLICA STATUS.
public sealed partial class MySqlServer
{
    /// <summary>
    /// CHANGE REPLICATION SOURCE TO (RM80 change-replication-source-to.html): stops the replication
    /// threads, deletes the relay logs and points at the new source; START REPLICA follows.
    /// Position coordinates are taken as given: on another server they may mean nothing.
    /// </summary>
    public void ChangeReplicationSource(ReplicaSource source, bool start = true)
    {
        if (string.Equals(source.SourceName, Name, StringComparison.Ordinal))
            throw new ArgumentException($"CHANGE REPLICATION SOURCE TO on {Name}: a server cannot replicate from itself");
        if (Context.Lookup(source.SourceName) < 0)
            throw new ArgumentException($"CHANGE REPLICATION SOURCE TO on {Name}: unknown server '{source.SourceName}'");
        if (source.AutoPosition && !Options.GtidMode)
            throw new ArgumentException($"CHANGE REPLICATION SOURCE TO on {Name}: SOURCE_AUTO_POSITION = 1 requires GTID_MODE = ON (error 1777)");
        Receiver?.Stop();
        Applier.Stop();
        Relay.Clear();
        Receiver = new Receiver(this, source);
        Applier = new Applier(this, new ApplierPosition(source.Start, 0));
        WriteReplicaConfig(source);
        Note($"CHANGE REPLICATION SOURCE TO {source}");
        if (start) StartReplica();
    }

    public void StartReplica()
    {
        if (Receiver is null) throw new InvalidOperationException($"START REPLICA on {Name}: no source configured (error 1200)");
        PurgeRelayLogOnGtidStart();
        if (Receiver.State is ReplicaThreadState.Stopped or ReplicaThreadState.Error) Receiver.Start();
        Applier.Start();
    }

    /// <summary>
    /// MariaDB with MASTER_USE_GTID: START SLAVE with both threads stopped discards the relay log and
    /// the receiver asks again from gtid_slave_pos (what the applier committed), not from what it had
    /// received (sql/slave.cc start_slave_threads: purge_relay_logs when using GTID; KB "Global
    /// Transaction ID", "Using GTID with MASTER_USE_GTID"). MySQL keeps the relay log and resumes
    /// from executed ∪ received.
    /// </summary>
    private void PurgeRelayLogOnGtidStart()
    {
        if (Options.Flavor != Flavor.MariaDb1011 || Receiver is not { Source.AutoPosition: true } r) return;
        if (r.State is not (ReplicaThreadState.Stopped or ReplicaThreadState.Error) || Applier.State == ReplicaThreadState.Running) return;
        Relay.Clear();
        Applier = new Applier(this, Applier.Position with { RelayIndex = 0 });
        r.Reposition(r.SourceCoordinates, new Gtid.GtidSet());
        Note("START SLAVE with MASTER_USE_GTID: relay log purged");
    }

    public void StopReplica()
    {
        Receiver?.Stop();
        Applier.Stop();
    }

    /// <summary>RESET REPLICA ALL: forget the source and the relay logs (GTID history stays).</summary>
    public void ResetReplicaAll()
    {
        StopReplica();
        Relay.Clear();
        Receiver = null;
        Applier = new Applier(this, new ApplierPosition(BinlogCoordinates.None, 0));
        Context.Disk.Delete(ReplicaConfigFile);
        Note("RESET REPLICA ALL");
    }

    public void SetReadOnly(bool readOnly)
    {
        ReadOnly = readOnly;
        Note($"SET GLOBAL read_only = {(readOnly ? "ON" : "OFF")}");
    }

    /// <summary>PURGE BINARY LOGS, keeping the newest <paramref name="keep"/> files (the current one always stays).</summary>
    public void PurgeBinaryLogsKeepingLast(int keep)
    {
        int index = Math.Max(0, Binlog.Files.Count - Math.Max(1, keep));
        int purged = Binlog.PurgeTo(Binlog.Files[index]);
        Note($"PURGE BINARY LOGS TO '{Binlog.Files[0]}': {purged} file(s) removed, gtid_purged={Binlog.Purged}");
    }

    /// <summary>FLUSH BINARY LOGS: close the current file and open the next.</summary>
    public void FlushBinaryLogs() => RotateBinlog();

    /// <summary>
    /// A statement run by a DBA in the server's one local admin session, which keeps its settings
    /// (sql_log_bin) from one call to the next: a DBA command (Sql/AdminStatement.cs) or ordinary SQL
    /// (on a replica with binary logging a write makes an errant transaction). A failure is kept in
    /// <see cref="LastAdminError"/>, as the DBA's client would show it.
    /// </summary>
    public void ExecuteAdmin(string sql)
    {
        LastAdminError = null;
        try
        {
            if (AdminStatement.TryParse(sql) is { } admin) RunAdmin(admin);
            else RunClientTransaction(Context.Self, new ClientRequest(0, AdminSession, [sql]), replyTo: null);
        }
        catch (SqlError error)
        {
            LastAdminError = error;
            Note($"admin statement failed: {error}");
        }
    }

    /// <summary>The error of the last <see cref="ExecuteAdmin"/> call, null when it succeeded.</summary>
    public SqlError? LastAdminError { get; private set; }

    private const int AdminSession = -1;

    private void RunAdmin(AdminStatement statement)
    {
        switch (statement)
        {
            case SetSqlLogBinStatement or SetIsolationStatement:
                ApplySessionSetting(SessionFor(Context.Self, AdminSession), statement);
                Note($"admin session: {statement}");
                break;
            case StopReplicaStatement stop:
                // STOP REPLICA [IO_THREAD | SQL_THREAD] (RM80 stop-replica.html); no source configured is only a warning there.
                if ((stop.Threads & ReplicaThreads.Io) != 0) Receiver?.Stop();
                if ((stop.Threads & ReplicaThreads.Sql) != 0) Applier.Stop();
                Note($"STOP REPLICA {stop.Threads}");
                break;
            case StartReplicaStatement start:
                if (Receiver is null) throw NotConfigured();
                if (start.Threads == ReplicaThreads.Both) PurgeRelayLogOnGtidStart();
                if ((start.Threads & ReplicaThreads.Io) != 0 && Receiver.State is ReplicaThreadState.Stopped or ReplicaThreadState.Error) Receiver.Start();
                if ((start.Threads & ReplicaThreads.Sql) != 0) Applier.Start();
                Note($"START REPLICA {start.Threads}");
                break;
            case ChangeSourceStatement change:
                ChangeSource(change);
                break;
        }
    }

    /// <summary>
    /// CHANGE REPLICATION SOURCE TO / CHANGE MASTER TO as a DBA types it. MySQL needs the receiver
    /// stopped for these options (RM80 change-replication-source-to.html; ER_REPLICA_CHANNEL_IO_THREAD_MUST_STOP
    /// 3021) and leaves a running SQL thread running; MariaDB needs both stopped (ER_SLAVE_MUST_STOP
    /// 1198). Options not given keep their value; a file and position while auto-positioning stays on
    /// are refused (ER_BAD_REPLICA_AUTO_POSITION 1776). MariaDB turns MASTER_USE_GTID off when
    /// MASTER_LOG_FILE/MASTER_LOG_POS are given (KB "CHANGE MASTER TO", MASTER_USE_GTID). The relay log
    /// is discarded and the receiver stays stopped until START REPLICA.
    /// </summary>
    private void ChangeSource(ChangeSourceStatement change)
    {
        bool ioRunning = Receiver is { State: not (ReplicaThreadState.Stopped or ReplicaThreadState.Error) };
        bool sqlRunning = Applier.State == ReplicaThreadState.Running;
        if (ioRunning)
            throw Options.Flavor == Flavor.MySql80
                ? new SqlError(3021, "HY000", "This operation cannot be performed with a running replica io thread; run STOP REPLICA IO_THREAD FOR CHANNEL '' first.")
                : new SqlError(1198, "HY000", "This operation cannot be performed as you have a running slave ''; run STOP SLAVE ''");
        if (sqlRunning && Options.Flavor == Flavor.MariaDb1011)
            throw new SqlError(1198, "HY000", "This operation cannot be performed as you have a running slave ''; run STOP SLAVE ''");
        string host = change.Host ?? Receiver?.Source.SourceName ?? throw NotConfigured();
        bool coordinates = change.LogFile is not null || change.LogPos is not null;
        bool auto = change.AutoPosition ?? (coordinates && Options.Flavor == Flavor.MariaDb1011 ? false : Receiver?.Source.AutoPosition ?? false);
        if (auto && coordinates)
            throw new SqlError(1776, "HY000", "Parameters SOURCE_LOG_FILE, SOURCE_LOG_POS, RELAY_LOG_FILE and RELAY_LOG_POS cannot be set when SOURCE_AUTO_POSITION is active.");
        BinlogCoordinates start = Receiver is { Source.AutoPosition: false } r && !coordinates ? r.SourceCoordinates : BinlogCoordinates.None;
        if (coordinates) start = new BinlogCoordinates(change.LogFile ?? start.File, change.LogPos ?? 4);
        try
        {
            bool currentPos = auto && (change.CurrentPos ?? Receiver?.Source.CurrentPos ?? false);
            ChangeReplicationSource(auto ? ReplicaSource.ByGtid(host) with { CurrentPos = currentPos } : ReplicaSource.ByPosition(host, start), start: false);
            if (sqlRunning) Applier.Start();
        }
        catch (ArgumentException e)
        {
            throw new SqlError(1210, "HY000", e.Message);
        }
    }

    private SqlError NotConfigured() => Options.Flavor == Flavor.MySql80
        ? new SqlError(3081, "HY000", "This operation requires a replica channel configured.")
        : new SqlError(1200, "HY000", "Misconfigured slave: MASTER_HOST was not set; Fix in config file or with CHANGE MASTER TO");

    public ReplicaStatus? GetReplicaStatus()
    {
        if (Receiver is null) return null;
        return new ReplicaStatus(Receiver.Source.SourceName, Receiver.Source.AutoPosition, Receiver.State, Applier.State,
            Receiver.SourceCoordinates, Applier.Position.SourcePosition, Receiver.LastIoErrno, Receiver.LastIoError,
            Applier.LastSqlErrno, Applier.LastSqlError, Receiver.Received.ToString(), GtidExecuted.ToString(), Applier.Idle,
            SecondsBehindSource()) with
        {
            GtidIoPos = Options.Flavor == Flavor.MariaDb1011 ? GtidIoPos() : "",
            UsingGtid = !Receiver.Source.AutoPosition ? "No" : Receiver.Source.CurrentPos ? "Current_Pos" : "Slave_Pos",
        };
    }

    // Gtid_IO_Pos: the last GTID the IO thread queued, or gtid_slave_pos when it queued none since it started (MariaDB KB SHOW SLAVE STATUS).
    private string GtidIoPos() => Receiver!.Received.Last(id => id != Uuid) is { } g ? MariaDbGtid(g) : MariaDbGtids().SlavePos;

    /// <summary>
    /// Seconds_Behind_Source as show_replica_status computes it (sql/rpl_replica.cc): NULL unless the
    /// SQL thread runs; when it has applied everything received, 0 with the receiver connected and
    /// NULL without; else now − last_master_timestamp − clock_diff_with_master in whole seconds
    /// (time()), at least 0, and 0 before any transaction was applied. So a receiver far behind its
    /// source shows 0, and a stopped receiver shows the lag of what it did receive.
    /// </summary>
    private long? SecondsBehindSource()
    {
        if (Receiver is null || Applier.State != ReplicaThreadState.Running) return null;
        if (Applier.Idle) return Receiver.State == ReplicaThreadState.Running ? 0 : null;
        if (Applier.LastSourceTimestamp is not { } ts) return 0;
        long diff = Context.Now.Micros / 1_000_000 - ts.Micros / 1_000_000 - Receiver.ClockDiffSeconds;
        return Math.Max(0, diff);
    }

    /// <summary>True when nothing is in flight: no commit in the pipeline, the applier has applied all it received.</summary>
    public bool Quiet => Pipeline.Queued == 0 && (Receiver is null || Applier.Idle || Applier.State != ReplicaThreadState.Running);

    private void WriteReplicaConfig(ReplicaSource source)
    {
        SimFile f = Context.Disk.OpenOrCreate(ReplicaConfigFile);
        f.Overwrite(source, 128);
        f.Fsync(); // mysql.slave_master_info is an InnoDB table: the configuration itself is durable
    }

    private ReplicaSource? ReadReplicaConfig()
    {
        SimFile? f = Context.Disk.TryOpen(ReplicaConfigFile);
        return f is { Chunks.Count: > 0 } && f.Chunks[^1].Value is ReplicaSource s ? s : null;
    }
}
