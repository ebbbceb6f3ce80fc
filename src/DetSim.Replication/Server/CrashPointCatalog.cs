namespace DetSim.Replication.Server;

/// <summary>One crash point the model has: MySQL's name for it, where it is in MySQL's source, and where in the model.</summary>
public sealed record CrashPointInfo(string Name, string MySqlSource, string Model, string Recovery);

/// <summary>
/// The crash points of the commit pipeline, by the names mysql-test arms them with
/// (SET debug='+d,crash_...'). Each is a DBUG_EXECUTE_IF(name, DBUG_SUICIDE();) in MySQL 8.0's
/// commit path; line numbers are those of sql/binlog.cc at mysql-server commit 008e09c2834b.
/// An arrival is one transaction reaching the point (a group's transactions arrive in order).
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
    /// Points of DetSim's own, for the windows MySQL's points cannot reach: every one of those lies
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
    ];

    /// <summary>MySQL's names: what the nemesis draws from unless a spec lists crash_points.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>Every point a spec may name: MySQL's, then DetSim's own.</summary>
    public static IReadOnlyList<string> Known { get; } = Names.Concat(DetSimPoints.Select(p => p.Name)).ToArray();

    public static bool IsKnown(string name) => Known.Contains(name, StringComparer.Ordinal);
}
