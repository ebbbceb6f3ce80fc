using DetSim.Conformance.Tests.Harness;
using DetSim.Core.Time;
using DetSim.Replication.Server;
using Xunit.Abstractions;

namespace DetSim.Conformance.Tests.Cases;

/// <summary>GTID replication with the faults a harness can really cause: rows, GTID positions, replica status and errors.</summary>
public class ReplicationTests(ITestOutputHelper output)
{
    internal static ServerOptions Maria(BinlogFormat format = BinlogFormat.Mixed) => ServerOptions.ForMariaDb() with
    {
        BinlogFormat = format,
        ReplicaNetTimeout = Duration.FromSeconds(60),
        ConnectRetry = Duration.FromSeconds(1), // MASTER_CONNECT_RETRY=1, as the harness configures the real replicas
    };

    internal static string[] RealOptions(string format = "MIXED", params string[] more) => [$"--binlog-format={format}", .. more];

    private static readonly string[] Deterministic =
    [
        "INSERT INTO t (v) VALUES (1)", "UPDATE t SET v = v + 1 WHERE id = 3", "DELETE FROM t WHERE id = 20",
        "UPDATE t SET v = 5 WHERE id <= 5", "INSERT INTO t (v) VALUES (2)", "UPDATE t SET v = 7 LIMIT 2",
    ];

    private static void AddState(Comparison cmp, Both both, string label, params string[] servers)
    {
        foreach (string s in servers)
        {
            var rows = both.Rows(s, "t");
            cmp.Add($"{label}: rows of t on {s}", rows.Model, rows.Real);
            var g = both.Gtids(s);
            cmp.Add($"{label}: GTID position of {s}", g.Model, g.Real);
        }
    }

    [MariaDbFact]
    public void Source_and_two_replicas_converge_and_survive_thread_stops_and_kill_9()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        using var both = new Both([("s1", 1, null, Maria(), RealOptions()), ("r1", 2, "s1", Maria(), RealOptions()), ("r2", 3, "s1", Maria(), RealOptions())]);
        foreach (string sql in Deterministic) both.Exec("s1", sql);
        both.Settle(("r1", "s1"), ("r2", "s1"));
        AddState(cmp, both, "GTID replication, MIXED", "s1", "r1", "r2");
        var st = both.SlaveStatus("r1");
        cmp.Add("GTID replication: SHOW SLAVE STATUS of r1", st.Model, st.Real);

        // STOP SLAVE, writes, START SLAVE: the replica is behind, then catches up.
        both.Model.Server("r1").StopReplica();
        both.Real.Exec("r1", "STOP SLAVE");
        st = both.SlaveStatus("r1");
        cmp.Add("STOP SLAVE: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        foreach (string sql in Deterministic.Take(3)) both.Exec("s1", sql);
        both.Settle(("r2", "s1"));
        var behind = both.Rows("r1", "t");
        cmp.Add("STOP SLAVE: r1 misses the writes made meanwhile", (behind.Model == both.Rows("s1", "t").Model) ? "caught up" : "behind", behind.Real == both.Rows("s1", "t").Real ? "caught up" : "behind");
        both.Model.Server("r1").StartReplica();
        both.Real.Exec("r1", "START SLAVE");
        both.Settle(("r1", "s1"));
        AddState(cmp, both, "START SLAVE", "r1");

        // kill -9 of a replica, writes, restart: it resumes from its GTID position.
        both.Model.Kill("r2");
        both.Real["r2"].Kill9();
        foreach (string sql in Deterministic.Take(2)) both.Exec("s1", sql);
        both.Model.Restart("r2");
        both.Real["r2"].Start();
        both.Real.WaitSlaveStatus("r2", s => s["Slave_IO_Running"] == "Yes");
        both.Settle(("r2", "s1"));
        AddState(cmp, both, "kill -9 of r2 and restart", "r2");
        st = both.SlaveStatus("r2");
        cmp.Add("kill -9 of r2: SHOW SLAVE STATUS after restart", st.Model, st.Real);

        // kill -9 of the source (the page cache survives: nothing committed is lost), restart, more writes.
        both.Model.Kill("s1");
        both.Real["s1"].Kill9();
        both.Model.Restart("s1");
        both.Real["s1"].Start();
        both.Model.Advance(Duration.FromSeconds(3)); // the replicas' connect retry
        foreach (string sql in Deterministic.Take(2)) both.Exec("s1", sql);
        both.Real.WaitSlaveStatus("r1", s => s["Slave_IO_Running"] == "Yes");
        both.Settle(("r1", "s1"), ("r2", "s1"));
        AddState(cmp, both, "kill -9 of s1 and restart", "s1", "r1", "r2");
        st = both.SlaveStatus("r1");
        cmp.Add("kill -9 of s1: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        cmp.Verify();
    }

    [MariaDbFact]
    public void Purged_binlogs_stop_the_replica_with_1236()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        using var both = new Both([("s1", 1, null, Maria(), RealOptions()), ("r1", 2, "s1", Maria(), RealOptions())]);
        both.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        both.Settle(("r1", "s1"));
        both.Model.Server("r1").StopReplica();
        both.Real.Exec("r1", "STOP SLAVE");
        both.Exec("s1", "INSERT INTO t (v) VALUES (2)");
        both.Model.Server("s1").FlushBinaryLogs();
        both.Real.Exec("s1", "FLUSH BINARY LOGS");
        both.Exec("s1", "INSERT INTO t (v) VALUES (3)");
        both.PurgeToCurrentFile("s1");
        both.Model.Server("r1").StartReplica();
        both.Real.Exec("r1", "START SLAVE");
        both.Model.Advance(Duration.FromSeconds(2));
        var real = both.Real.WaitSlaveStatus("r1", s => s["Last_IO_Errno"] != "0")!;
        var model = both.Model.Server("r1").GetReplicaStatus()!;
        var st = both.SlaveStatus("r1");
        cmp.Add("purged GTIDs: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        cmp.Add("purged GTIDs: Last_IO_Error of r1", model.LastIoError, real["Last_IO_Error"] ?? "");
        var g = both.Gtids("r1");
        cmp.Add("purged GTIDs: GTID position of r1", g.Model, g.Real);
        cmp.Verify();
    }
}
