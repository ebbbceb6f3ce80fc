using DetSim.Conformance.Tests.Harness;
using DetSim.Core.Time;
using DetSim.Replication.Server;
using MySqlConnector;
using Xunit.Abstractions;
using static DetSim.Conformance.Tests.Cases.ReplicationTests;

namespace DetSim.Conformance.Tests.Cases;

/// <summary>
/// What a DBA types, on both sides: the model through MySqlServer.ExecuteAdmin (the `sql` spec
/// fault), the real server on one kept connection (so SET sql_log_bin lasts as a session setting does).
/// </summary>
public class DbaCommandTests(ITestOutputHelper output)
{
    private static string Lag(long? seconds) => seconds is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL";

    private static (string Model, string Real) SecondsBehind(Both both, string server) =>
        (Lag(both.Model.Server(server).GetReplicaStatus()!.SecondsBehindSource), both.Real.SlaveStatus(server)!["Seconds_Behind_Master"] ?? "NULL");

    private static void Admin(Both both, MySqlConnection real, string server, string sql)
    {
        both.Model.Server(server).ExecuteAdmin(sql);
        Assert.True(both.Model.Server(server).LastAdminError is null, $"model: {sql}: {both.Model.Server(server).LastAdminError}");
        MariaDbCluster.Exec(real, sql);
    }

    [MariaDbFact]
    public void Stop_and_start_one_replication_thread()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        using var both = new Both([("s1", 1, null, Maria(), RealOptions()), ("r1", 2, "s1", Maria(), RealOptions())]);
        using MySqlConnection dba = both.Real["r1"].Open();
        both.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        both.Settle(("r1", "s1"));
        var lag = SecondsBehind(both, "r1");
        cmp.Add("caught up: Seconds_Behind_Master of r1", lag.Model, lag.Real);

        Admin(both, dba, "r1", "STOP SLAVE SQL_THREAD");
        both.Exec("s1", "UPDATE t SET v = 5 WHERE id = 1");
        both.Model.Advance(Duration.FromSeconds(1));
        both.Real.WaitSlaveStatus("r1", st => st["Read_Master_Log_Pos"] != st["Exec_Master_Log_Pos"]);
        var st = both.SlaveStatus("r1");
        cmp.Add("STOP SLAVE SQL_THREAD: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        lag = SecondsBehind(both, "r1");
        cmp.Add("STOP SLAVE SQL_THREAD: Seconds_Behind_Master of r1", lag.Model, lag.Real);
        var rows = both.Rows("r1", "t");
        cmp.Add("STOP SLAVE SQL_THREAD: rows of t on r1 (the update received, not applied)", rows.Model, rows.Real);

        Admin(both, dba, "r1", "START SLAVE SQL_THREAD");
        both.Settle(("r1", "s1"));
        rows = both.Rows("r1", "t");
        cmp.Add("START SLAVE SQL_THREAD: rows of t on r1", rows.Model, rows.Real);
        lag = SecondsBehind(both, "r1");
        cmp.Add("START SLAVE SQL_THREAD: Seconds_Behind_Master of r1", lag.Model, lag.Real);

        Admin(both, dba, "r1", "STOP SLAVE IO_THREAD");
        both.Exec("s1", "UPDATE t SET v = 6 WHERE id = 1");
        both.Model.Advance(Duration.FromSeconds(1));
        both.Real.WaitSlaveStatus("r1", s => s["Slave_IO_Running"] == "No");
        st = both.SlaveStatus("r1");
        cmp.Add("STOP SLAVE IO_THREAD: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        lag = SecondsBehind(both, "r1");
        cmp.Add("STOP SLAVE IO_THREAD: Seconds_Behind_Master of r1", lag.Model, lag.Real);
        rows = both.Rows("r1", "t");
        cmp.Add("STOP SLAVE IO_THREAD: rows of t on r1 (the update not received)", rows.Model, rows.Real);
        cmp.Verify();
    }

    [MariaDbFact]
    public void An_unlogged_delete_on_a_replica_breaks_its_ROW_applier_with_1032()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        ServerOptions row = Maria() with { BinlogFormat = BinlogFormat.Row };
        using var both = new Both([("s1", 1, null, row, RealOptions("ROW")), ("r1", 2, "s1", row, RealOptions("ROW"))]);
        using MySqlConnection dba = both.Real["r1"].Open();
        both.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        both.Settle(("r1", "s1"));
        Admin(both, dba, "r1", "SET sql_log_bin = 0");
        Admin(both, dba, "r1", "DELETE FROM t WHERE id = 3");
        var g = both.Gtids("r1");
        cmp.Add("sql_log_bin=0 DELETE on r1: GTID position of r1 (no GTID for it)", g.Model, g.Real);
        both.Exec("s1", "UPDATE t SET v = 9 WHERE id = 3");
        both.Model.Advance(Duration.FromSeconds(1));
        var real = both.Real.WaitSlaveStatus("r1", s => s["Last_SQL_Errno"] != "0")!;
        var st = both.SlaveStatus("r1");
        cmp.Add("sql_log_bin=0 DELETE on r1, then the source updates the row: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        // end_log_pos differs by the header sizes (a known difference); the rest of the text must agree.
        static string Text(string s) => s.Split(", end_log_pos ")[0];
        cmp.Add("sql_log_bin=0 DELETE on r1: Last_SQL_Error of r1 up to end_log_pos",
            Text(both.Model.Server("r1").GetReplicaStatus()!.LastSqlError), Text(real["Last_SQL_Error"] ?? ""));
        var rows = both.Rows("r1", "t");
        cmp.Add("sql_log_bin=0 DELETE on r1: rows of t on r1", rows.Model, rows.Real);
        cmp.Verify();
    }

    [MariaDbFact]
    public void Change_master_to_a_file_and_position_skips_what_came_before()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        using var both = new Both([("s1", 1, null, Maria(), RealOptions()), ("r1", 2, null, Maria(), RealOptions())]);
        for (int i = 1; i <= 3; i++) both.Exec("s1", $"INSERT INTO t (v) VALUES ({i * 10})");
        // Each side's own end of the second transaction (its second Xid event).
        var modelXid = both.Model.Events("s1").Where(e => e.Event is DetSim.Replication.Binlog.Events.XidEvent).ElementAt(1);
        var realXid = both.Real.Events("s1").Where(e => e.Type == "Xid").ElementAt(1);
        both.Model.Server("r1").ExecuteAdmin($"CHANGE MASTER TO MASTER_HOST='s1', MASTER_LOG_FILE='{modelXid.File}', MASTER_LOG_POS={modelXid.EndPosition}");
        Assert.True(both.Model.Server("r1").LastAdminError is null, both.Model.Server("r1").LastAdminError?.ToString());
        both.Real.Exec("r1", $"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={both.Real["s1"].Port}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_CONNECT_RETRY=1, MASTER_LOG_FILE='{realXid.File}', MASTER_LOG_POS={realXid.End}");
        cmp.Add("CHANGE MASTER TO file and position: Using_Gtid of r1", both.Model.Server("r1").GetReplicaStatus()!.AutoPosition ? "Slave_Pos" : "No", both.Real.SlaveStatus("r1")!["Using_Gtid"] ?? "");
        both.Model.Server("r1").ExecuteAdmin("START SLAVE");
        both.Real.Exec("r1", "START SLAVE");
        both.Settle(("r1", "s1"));
        var rows = both.Rows("r1", "t");
        cmp.Add("CHANGE MASTER TO the end of the second insert: rows of t on r1", rows.Model, rows.Real);
        var st = both.SlaveStatus("r1");
        cmp.Add("CHANGE MASTER TO file and position: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        cmp.Verify();
    }
}

/// <summary>A locking read of a row whose AFTER_SYNC commit waits for its semi-sync ACK.</summary>
public class LockWaitTests(ITestOutputHelper output)
{
    [MariaDbFact]
    public void A_locking_read_of_a_row_waiting_for_its_ack_gets_1205_after_innodb_lock_wait_timeout()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        // No semi-sync replica is connected, so the commit waits the full 5 s (rpl_semi_sync_master_wait_no_slave=ON).
        ServerOptions model = Maria() with
        {
            SemiSync = SemiSyncOptions.AfterSync(1, Duration.FromSeconds(5)),
            InnodbLockWaitTimeout = Duration.FromSeconds(2),
        };
        // The real server's ACK wait is 10 minutes, a hang guard only: however slow the machine, the
        // writer is still waiting when the 2 s lock wait gives up; the test then ends the wait by
        // turning semi-sync off (Repl_semi_sync_master::switch_off wakes the waiting sessions).
        using var both = new Both([("s1", 1, null, model, RealOptions("MIXED", "--rpl-semi-sync-master-enabled=ON", "--rpl-semi-sync-master-timeout=600000", "--rpl-semi-sync-master-wait-point=AFTER_SYNC"))]);

        long writer = both.Model.Send("s1", 1, "UPDATE t SET v = 7 WHERE id = 3");
        both.Model.Advance(Duration.FromMillis(100));
        long reader = both.Model.Send("s1", 2, "SELECT v FROM t WHERE id = 3 FOR UPDATE");
        both.Model.Advance(Duration.FromSeconds(3));
        string modelRead = both.Model.Reply(reader) is { } r ? (r.Ok ? "rows" : $"error {r.Error!.Code}") : "still waiting";
        string modelWriter = both.Model.Reply(writer) is null ? "waiting for the ACK" : "committed";

        using MySqlConnection w = both.Real["s1"].Open();
        using MySqlConnection rd = both.Real["s1"].Open();
        var write = System.Threading.Tasks.Task.Run(() => MariaDbCluster.Exec(w, "UPDATE t SET v = 7 WHERE id = 3"));
        // Wait until the UPDATE is in its ACK wait (its row lock held), not for a fixed time: on a busy
        // machine the read could otherwise run first. The clock is HangGuard's only: no verdict depends on it.
        for (var guard = HangGuard.Start();
             MariaDbCluster.Query(rd, "SELECT STATE FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE t SET v = 7%'")
                 .All(row => row["STATE"]?.Contains("semi-sync", StringComparison.OrdinalIgnoreCase) != true);
             Thread.Sleep(10))
        {
            Assert.False(write.IsCompleted, "the UPDATE never reached its semi-sync ACK wait");
            if (HangGuard.Expired(guard)) throw HangGuard.Hung("the UPDATE, not in its semi-sync ACK wait");
        }
        MariaDbCluster.Exec(rd, "SET SESSION innodb_lock_wait_timeout = 2");
        string realRead;
        try
        {
            MariaDbCluster.Query(rd, "SELECT v FROM t WHERE id = 3 FOR UPDATE");
            realRead = "rows";
        }
        catch (MySqlException e)
        {
            realRead = $"error {e.Number}";
        }
        string realWriter = write.IsCompleted ? "committed" : "waiting for the ACK";
        MariaDbCluster.Exec(rd, "SET GLOBAL rpl_semi_sync_master_enabled = OFF");
        write.Wait(HangGuard.Limit); // turning semi-sync off releases the writer at once
        cmp.Add("SELECT ... FOR UPDATE of a row in an AFTER_SYNC wait, innodb_lock_wait_timeout=2", modelRead, realRead);
        cmp.Add("the writer when the locking read gave up", modelWriter, realWriter);
        cmp.Verify();
    }
}

/// <summary>MariaDB with MASTER_USE_GTID=slave_pos discards the relay log at START SLAVE.</summary>
public class RelayLogPurgeTests(ITestOutputHelper output)
{
    [MariaDbFact]
    public void Start_slave_with_gtid_refetches_from_gtid_slave_pos_and_meets_purged_binlogs()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        using var both = new Both([("s1", 1, null, Maria(), RealOptions()), ("r1", 2, "s1", Maria(), RealOptions())]);
        both.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        both.Settle(("r1", "s1"));
        // The applier stops; two transactions reach r1's relay log only.
        both.Model.Server("r1").ExecuteAdmin("STOP SLAVE SQL_THREAD");
        both.Real.Exec("r1", "STOP SLAVE SQL_THREAD");
        both.Exec("s1", "INSERT INTO t (v) VALUES (2)");
        both.Exec("s1", "INSERT INTO t (v) VALUES (3)");
        both.Model.Advance(Duration.FromSeconds(1));
        both.Real.WaitSlaveStatus("r1", s => s["Gtid_IO_Pos"] == "0-1-3");
        both.Model.Server("r1").ExecuteAdmin("STOP SLAVE");
        both.Real.Exec("r1", "STOP SLAVE");
        // The source purges the files that held them.
        both.Model.Server("s1").FlushBinaryLogs();
        both.Real.Exec("s1", "FLUSH BINARY LOGS");
        both.Exec("s1", "INSERT INTO t (v) VALUES (4)");
        both.PurgeToCurrentFile("s1");
        both.Model.Server("r1").ExecuteAdmin("START SLAVE");
        both.Real.Exec("r1", "START SLAVE");
        both.Model.Advance(Duration.FromSeconds(2));
        var real = both.Real.WaitSlaveStatus("r1", s => s["Last_IO_Errno"] != "0")!;
        var st = both.SlaveStatus("r1");
        cmp.Add("START SLAVE after the source purged what only the relay log held: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        cmp.Add("START SLAVE after the purge: Last_IO_Error of r1", both.Model.Server("r1").GetReplicaStatus()!.LastIoError, real["Last_IO_Error"] ?? "");
        var rows = both.Rows("r1", "t");
        cmp.Add("START SLAVE after the purge: rows of t on r1 (the relay log's two inserts are gone)", rows.Model, rows.Real);
        cmp.Verify();
    }
}
