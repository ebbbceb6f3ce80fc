namespace DetSim.Replication.Server;

/// <summary>One crash point the model has: MySQL's name for it, where it is in MySQL's source, and where in the model.</summary>
public sealed record CrashPointInfo(string Name, string MySqlSource, string Model, string Recovery);

/// <summary>
/// The crash points of the commit pipeline, by the names mysql-test arms them with
/// (SET debug='+d,crash_...'). Each is a DBUG_EXECUTE_IF(name, DBUG_SUICIDE();) in MySQL 8.0's
/// commit path; line numbers are those of sql/binlog.cc at mysql-server commit 008e09c2834b.
/// An arrival is one transaction reaching the point (a group's transactions arrive in order).
/// The dump thread's, receiver's and applier's points (<see cref="ThreadPoints"/>) cite MySQL
/// 8.0.41's sources (tag mysql-8.0.41, read from its unmodified import in
/// enhancedformysql/mysql-8.0.41 commit 7982b0945334: mysql/mysql-server is too large to fetch here).
/// </summary>
public static class CrashPointCatalog
{
    public const string CommitBeforeLog = "crash_commit_before_log";
    public const string AfterFlushBinlog = "crash_after_flush_binlog";
    public const string CommitAfterLog = "crash_commit_after_log";
    public const string CommitBeforeUnlog = "crash_commit_before_unlog";
    public const string CommitAfter = "crash_commit_after";

    /// <summary>DetSim's own point, no MySQL name: a commit's OK has just been sent to its client.</summary>
    public const string AfterCommitOk = "detsim_after_commit_ok";

    // The dump thread (source side).
    public const string BinlogTransmitHook = "crash_binlog_transmit_hook";
    public const string DumpAfterSend = "detsim_dump_after_send";

    // The receiver (replica I/O thread).
    public const string BeforeRotateRelayLog = "crash_before_rotate_relaylog";
    public const string ReceiverAfterQueue = "detsim_receiver_after_queue";

    // The applier (replica SQL thread or worker), at the transaction's Xid event.
    public const string BeforeUpdatePos = "crash_before_update_pos";
    public const string AfterUpdatePosBeforeApply = "crash_after_update_pos_before_apply";
    public const string AfterApply = "crash_after_apply";
    public const string AfterCommitBeforeUpdatePos = "crash_after_commit_before_update_pos";

    public static IReadOnlyList<CrashPointInfo> All { get; } =
    [
        new(CommitBeforeLog,
            "sql/binlog.cc:7908 MYSQL_BIN_LOG::ordered_commit, before the flush stage (the engine has prepared)",
            "CommitPipeline.Enqueue: the transaction enters group commit",
            "not in the binlog: crash recovery rolls the prepared transaction back; the client got no reply"),
        new(AfterFlushBinlog,
            "sql/binlog.cc:7974 MYSQL_BIN_LOG::ordered_commit, after flush_cache_to_file, before the after_flush hook",
            "CommitPipeline.StartGroup: the group's events are in the binlog's page cache, not yet published to dump threads",
            "a killed process leaves the page cache: recovery finds the xid in the binlog and commits it (mysql-test binlog crash-safe results)"),
        new(CommitAfterLog,
            "sql/binlog.cc:7995 MYSQL_BIN_LOG::ordered_commit, after the after_flush hook and, with sync_binlog != 1, update_binlog_end_pos",
            "CommitPipeline.StartGroup: end of the flush stage (with sync_binlog != 1 dump threads may already have sent the events)",
            "recovery commits it from the binlog; a replica may already have it"),
        new(CommitBeforeUnlog,
            "sql/handler.cc ha_commit_trans, after the engine commit (commit_one_phase_2), before tc_log->unlog (MariaDB 10.11; MySQL 5.x)",
            "CommitPipeline.Commit: the transaction committed in the engine, before any AFTER_COMMIT wait or reply",
            "committed and in the binlog: it survives recovery, though the client never heard"),
        new(CommitAfter,
            "sql/handler.cc ha_commit_trans, at its end: committed (and, with AFTER_COMMIT semi-sync, acknowledged) before my_ok",
            "CommitPipeline.Commit: just before the client's reply is sent",
            "committed: it survives recovery, though the client never heard"),
    ];

    /// <summary>
    /// MySQL's points in the replication threads. A spec may name them and a nemesis draws them when
    /// its crash_points lists them; they are not in <see cref="Names"/> (the nemesis default), since a
    /// point drawn for a server that runs no such thread never fires, and the default draws, their
    /// trace hashes and the benchmarks stay as they were. The applier's arrive once per transaction
    /// at its Xid, in the single-threaded applier and in a worker alike (do_apply_event and
    /// do_apply_event_worker carry the same points); a transaction applied again after a row-lock
    /// wait arrives again. mysql-test/extra/rpl_tests/rpl_crash_safe.test arms them.
    /// </summary>
    public static IReadOnlyList<CrashPointInfo> ThreadPoints { get; } =
    [
        new(BinlogTransmitHook,
            "sql/rpl_handler.cc:1122 Binlog_transmit_delegate::before_send_event (also :1075 reserve_header, :1140 after_send_event); the hooks run only for a semi-sync replica's dump thread (m_observe_transmission, sql/rpl_binlog_sender.cc:1367)",
            "DumpThread.Send: a semi-sync replica's dump thread is about to send a transaction (one arrival per transaction, not per hook call)",
            "the source dies before the replica has the transaction: recovery commits it from the source's binlog, the replica lacks it until it reconnects; an AFTER_SYNC client got no OK"),
        new(BeforeRotateRelayLog,
            "sql/rpl_replica.cc:8597 rotate_relay_log, which queue_event calls for every Rotate from the source (process_io_rotate, :7494), the fake one that starts each connection included",
            "Receiver.OnPacket: a Rotate event arrived, before it is written to the relay log",
            "the relay log and master.info as before the Rotate: the receiver asks again from master.info's position; nothing is lost or doubled"),
        new(BeforeUpdatePos,
            "sql/log_event.cc:6274 Xid_apply_log_event::do_apply_event (worker: :6170 do_apply_event_worker), before the applier position is updated, before the commit",
            "Applier.Execute: the transaction's events have run, before it enters the commit pipeline",
            "nothing of the transaction committed and the position names the one before it: it is applied again, once (rpl_crash_safe.test outcome O1)"),
        new(AfterUpdatePosBeforeApply,
            "sql/log_event.cc:6310 Xid_apply_log_event::do_apply_event (worker: :6203), after the position is written into the transaction (TABLE), before do_commit",
            "Applier.Execute: the same place as crash_before_update_pos, since DetSim stages the TABLE position with the transaction as it enters the commit pipeline",
            "the position row rolls back with the transaction: it is applied again, once (O1), with TABLE and FILE alike"),
        new(AfterApply,
            "sql/log_event.cc:6113 Xid_log_event::do_commit, just after trans_commit",
            "Applier, the commit's callback: the transaction committed (with log_replica_updates, in the replica's binlog too), before the applier position moves",
            "committed; TABLE committed the position with it, so it is applied once (O2); FILE's relay-log.info still names the transaction before it, so it is applied again (1062 under ROW without GTID auto-skip)"),
        new(AfterCommitBeforeUpdatePos,
            "sql/log_event.cc:6359 Xid_apply_log_event::do_apply_event (worker: :6212), after do_commit succeeded, before the in-memory position and relay-log.info are updated",
            "Applier, the commit's callback, right after crash_after_apply",
            "as crash_after_apply: TABLE applies it once; FILE applies it twice (1062 under ROW), the case rpl_crash_safe.test leaves out as not recoverable (O3)"),
    ];

    /// before the client's OK, so a kill there never loses an acknowledged write. A crash_at with
    /// <c>mode: power_loss</c> and <c>after:</c> a few microseconds at this point lands while the
    /// acknowledged transaction's events may still be on their way to an async replica.
    /// </summary>
    public static IReadOnlyList<CrashPointInfo> DetSimPoints { get; } =
    [
        new(AfterCommitOk,
            "none (DetSim's): after THD::send_statement_status sends the OK of a committed transaction (sql/sql_parse.cc dispatch_command)",
            "MySqlServer.Sessions: the commit's reply has just been sent",
            "committed and acknowledged: it survives recovery; a replica that had not received it lacks it"),
        new(DumpAfterSend,
            "none (DetSim's): after Binlog_sender::send_packet hands a transaction's last event to the socket (sql/rpl_binlog_sender.cc:665), for any replica; crash_binlog_transmit_hook needs a semi-sync one",
            "DumpThread.Send: a transaction's packet was just sent to the replica",
            "a killed process leaves the packet to the kernel, so the replica has the transaction; after a power loss (mode: power_loss) it never arrives"),
        new(ReceiverAfterQueue,
            "none (DetSim's): in queue_event between write_buffer (sql/rpl_replica.cc:8173, the event is in the relay log) and flush_master_info (:8259); MySQL has no point there",
            "Receiver.OnPacket: a transaction's events are in the relay log, before master.info is rewritten and the semi-sync ACK sent",
            "relay_log_recovery=OFF by position: master.info names the position before the transaction, so the receiver fetches it again and the relay log holds it twice (applied twice: 1062 under ROW); with GTID auto-positioning the relay log's GTIDs are asked for no more, and relay_log_recovery=ON discards the relay log: applied once"),
    ];

    /// <summary>MySQL's names: what the nemesis draws from unless a spec lists crash_points.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>Every point a spec may name: MySQL's commit pipeline, MySQL's replication threads, then DetSim's own.</summary>
    public static IReadOnlyList<string> Known { get; } = Names.Concat(ThreadPoints.Select(p => p.Name)).Concat(DetSimPoints.Select(p => p.Name)).ToArray();

    public static bool IsKnown(string name) => Known.Contains(name, StringComparer.Ordinal);
}
