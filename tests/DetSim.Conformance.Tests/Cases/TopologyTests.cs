using DetSim.Conformance.Tests.Harness;
using DetSim.Core.Time;
using DetSim.Replication.Server;
using Xunit.Abstractions;
using static DetSim.Conformance.Tests.Cases.ReplicationTests;

namespace DetSim.Conformance.Tests.Cases;

/// <summary>Semi-sync with its timeout fallback, active-active with and without auto-increment offsets, and chains.</summary>
public class TopologyTests(ITestOutputHelper output)
{
    private static string Counters(Replication.Semisync.SemiSyncCounters c) =>
        $"status={(c.Status ? "ON" : "OFF")} clients={c.Clients} yes_tx={c.YesTx} no_tx={c.NoTx} no_times={c.NoTimes}";

    private static string Counters(MariaDbCluster real, string server)
    {
        var v = real.Query(server, "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_%'").ToDictionary(r => r["Variable_name"]!, r => r["Value"]);
        return $"status={v["Rpl_semi_sync_master_status"]} clients={v["Rpl_semi_sync_master_clients"]} yes_tx={v["Rpl_semi_sync_master_yes_tx"]} no_tx={v["Rpl_semi_sync_master_no_tx"]} no_times={v["Rpl_semi_sync_master_no_times"]}";
    }

    [MariaDbFact]
    public void Semi_sync_acknowledges_then_falls_back_after_the_timeout_and_switches_back_on()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        var timeout = Duration.FromMillis(500);
        ServerOptions source = Maria() with { SemiSync = SemiSyncOptions.AfterCommit(1, timeout) };
        ServerOptions replica = Maria() with { ReplicaSemiSync = true };
        using var both = new Both([
            ("s1", 1, null, source, RealOptions("MIXED", "--rpl-semi-sync-master-enabled=ON", "--rpl-semi-sync-master-timeout=500", "--rpl-semi-sync-master-wait-point=AFTER_COMMIT")),
            ("r1", 2, "s1", replica, RealOptions("MIXED", "--rpl-semi-sync-slave-enabled=ON")),
        ]);
        both.Model.Advance(Duration.FromMillis(500));
        both.Real.Exec("s1", "SELECT 1"); // the replica has connected (Both waited for Slave_IO_Running)
        for (int i = 0; i < 3; i++) both.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
        both.Settle(("r1", "s1"));
        cmp.Add("semi-sync: counters after three acknowledged commits", Counters(both.Model.Server("s1").SemiSyncStatus), Counters(both.Real, "s1"));

        // The replica stops: the next commit waits the timeout, then semi-sync switches OFF.
        both.Model.Server("r1").StopReplica();
        both.Real.Exec("r1", "STOP SLAVE");
        both.Model.Advance(Duration.FromMillis(100));
        both.Exec("s1", "INSERT INTO t (v) VALUES (10)");
        both.Exec("s1", "INSERT INTO t (v) VALUES (11)");
        cmp.Add("semi-sync: counters after the replica stopped and two commits", Counters(both.Model.Server("s1").SemiSyncStatus), Counters(both.Real, "s1"));

        // START SLAVE: the replica catches up and the source switches semi-sync back ON.
        both.Model.Server("r1").StartReplica();
        both.Real.Exec("r1", "START SLAVE");
        both.Settle(("r1", "s1"));
        both.Exec("s1", "INSERT INTO t (v) VALUES (12)");
        both.Settle(("r1", "s1"));
        cmp.Add("semi-sync: counters after the replica caught up and one more commit", Counters(both.Model.Server("s1").SemiSyncStatus), Counters(both.Real, "s1"));
        var rows = both.Rows("r1", "t");
        cmp.Add("semi-sync: rows of t on r1", rows.Model, rows.Real);
        cmp.Verify();
    }

    [MariaDbFact]
    public void Active_active_needs_auto_increment_offsets()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        // Without offsets the applier stops on 1062: under MIXED on the Query event, under ROW on the Write_rows event.
        foreach ((bool offsets, string format) in new[] { (true, "MIXED"), (false, "MIXED"), (false, "ROW") })
        {
            string label = offsets ? "active-active with offsets" : format == "ROW" ? "active-active without offsets, ROW" : "active-active without offsets";
            BinlogFormat modelFormat = format == "ROW" ? BinlogFormat.Row : BinlogFormat.Mixed;
            ServerOptions a = Maria() with { AutoIncrementIncrement = offsets ? 2 : 1, AutoIncrementOffset = 1, BinlogFormat = modelFormat };
            ServerOptions b = Maria() with { AutoIncrementIncrement = offsets ? 2 : 1, AutoIncrementOffset = offsets ? 2 : 1, BinlogFormat = modelFormat };
            string[] ra = offsets ? RealOptions("MIXED", "--auto-increment-increment=2", "--auto-increment-offset=1") : RealOptions(format);
            string[] rb = offsets ? RealOptions("MIXED", "--auto-increment-increment=2", "--auto-increment-offset=2") : RealOptions(format);
            using var both = new Both([("s1", 1, "s2", a, ra), ("s2", 2, "s1", b, rb)]);
            // Both sides write while replication is stopped, then it resumes.
            both.Model.Server("s1").StopReplica();
            both.Model.Server("s2").StopReplica();
            both.Real.Exec("s1", "STOP SLAVE");
            both.Real.Exec("s2", "STOP SLAVE");
            both.Exec("s1", "INSERT INTO t (v) VALUES (100)");
            both.Exec("s2", "INSERT INTO t (v) VALUES (200)");
            both.Model.Server("s1").StartReplica();
            both.Model.Server("s2").StartReplica();
            both.Real.Exec("s1", "START SLAVE");
            both.Real.Exec("s2", "START SLAVE");
            both.Model.Advance(Duration.FromSeconds(2));
            foreach (string s in new[] { "s1", "s2" })
            {
                if (offsets) both.Real.CaughtUp(s, s == "s1" ? "s2" : "s1");
                else both.Real.WaitSlaveStatus(s, st => st["Last_SQL_Errno"] != "0");
                var st = both.SlaveStatus(s);
                cmp.Add($"{label}: SHOW SLAVE STATUS of {s}", st.Model, st.Real);
                var rows = both.Rows(s, "t");
                cmp.Add($"{label}: rows of t on {s}", rows.Model, rows.Real);
                if (!offsets)
                    cmp.Add($"{label}: Last_SQL_Error of {s}", both.Model.Server(s).GetReplicaStatus()!.LastSqlError, both.Real.SlaveStatus(s)!["Last_SQL_Error"] ?? "");
            }
        }
        cmp.Verify();
    }

    [MariaDbFact]
    public void A_chain_reaches_its_end_only_with_log_slave_updates()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        foreach (bool lsu in new[] { false, true })
        {
            string label = $"chain s1->r1->r2, log_slave_updates={(lsu ? "ON" : "OFF")}";
            ServerOptions mid = Maria() with { LogReplicaUpdates = lsu };
            using var both = new Both([
                ("s1", 1, null, Maria(), RealOptions()),
                ("r1", 2, "s1", mid, RealOptions("MIXED", $"--log-slave-updates={(lsu ? "ON" : "OFF")}")),
                ("r2", 3, "r1", Maria(), RealOptions()),
            ]);
            for (int i = 0; i < 3; i++) both.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
            both.Exec("s1", "UPDATE t SET v = v + 1 WHERE id <= 2");
            both.Settle(("r1", "s1"), ("r2", "r1"));
            foreach (string s in new[] { "r1", "r2" })
            {
                var rows = both.Rows(s, "t");
                cmp.Add($"{label}: rows of t on {s}", rows.Model, rows.Real);
                var g = both.Gtids(s);
                cmp.Add($"{label}: GTID position of {s}", g.Model, g.Real);
            }
            var st = both.SlaveStatus("r2");
            cmp.Add($"{label}: SHOW SLAVE STATUS of r2", st.Model, st.Real);
        }
        cmp.Verify();
    }
}
