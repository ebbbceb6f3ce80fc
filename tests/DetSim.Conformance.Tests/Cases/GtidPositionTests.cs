using DetSim.Conformance.Tests.Harness;
using Xunit.Abstractions;

namespace DetSim.Conformance.Tests.Cases;

/// <summary>
/// MariaDB's three GTID positions (MariaDB KB "Global Transaction ID": gtid_binlog_pos,
/// gtid_slave_pos, gtid_current_pos) on a source, a replica without log_slave_updates (MariaDB's
/// default) and one with it, through replicated writes, a local write on a replica and more writes
/// on the source: the model's MariaDB flavour against mariadbd.
/// </summary>
public class GtidPositionTests(ITestOutputHelper output)
{
    [MariaDbFact]
    public void Binlog_slave_and_current_positions_agree_with_mariadbd()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        using var both = new Both(
        [
            ("s1", 1, null, ReplicationTests.Maria(), ReplicationTests.RealOptions()),
            ("r1", 2, "s1", ReplicationTests.Maria(), ReplicationTests.RealOptions()),
            ("r2", 3, "s1", ReplicationTests.Maria() with { LogReplicaUpdates = true }, ReplicationTests.RealOptions("MIXED", "--log-slave-updates")),
        ]);
        void State(string label)
        {
            foreach (string s in new[] { "s1", "r1", "r2" })
            {
                var p = both.GtidPositions(s);
                cmp.Add($"{label}: gtid positions of {s}", p.Model, p.Real);
            }
            foreach (string r in new[] { "r1", "r2" })
            {
                var st = both.SlaveStatus(r);
                cmp.Add($"{label}: SHOW SLAVE STATUS of {r}", st.Model, st.Real);
                cmp.Add($"{label}: Gtid_IO_Pos of {r}", both.Model.Server(r).GetReplicaStatus()!.GtidIoPos, both.Real.SlaveStatus(r)!["Gtid_IO_Pos"] ?? "");
            }
        }

        State("before any write");
        for (int i = 1; i <= 3; i++) both.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
        both.Settle(("r1", "s1"), ("r2", "s1"));
        State("three writes on s1");

        // A local write on each replica takes the domain's next seq_no under its own server_id;
        // only r2 (log_slave_updates) had the replicated GTIDs in its binlog.
        both.Exec("r1", "UPDATE t SET v = 100 WHERE id = 1");
        both.Exec("r2", "UPDATE t SET v = 200 WHERE id = 2");
        State("a local write on each replica");

        // The source knows nothing of them: its next GTID reuses that seq_no under server_id 1.
        both.Exec("s1", "INSERT INTO t (v) VALUES (4)");
        both.Exec("s1", "UPDATE t SET v = 5 WHERE id = 3");
        both.Settle(("r1", "s1"), ("r2", "s1"));
        State("two more writes on s1");
        cmp.Verify();
    }

    [MariaDbFact]
    public void Current_pos_after_a_local_write_is_not_in_the_masters_binlog_and_slave_pos_is()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        using var both = new Both([("s1", 1, null, ReplicationTests.Maria(), ReplicationTests.RealOptions()), ("r1", 2, "s1", ReplicationTests.Maria(), ReplicationTests.RealOptions())]);
        for (int i = 1; i <= 3; i++) both.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
        both.Settle(("r1", "s1"));
        both.Exec("r1", "UPDATE t SET v = 100 WHERE id = 1"); // 0-2-4: r1's gtid_current_pos, not in s1's binlog
        void Admin(string sql)
        {
            both.Model.Server("r1").ExecuteAdmin(sql);
            Assert.True(both.Model.Server("r1").LastAdminError is null, $"model: {sql}: {both.Model.Server("r1").LastAdminError}");
            both.Real.Exec("r1", sql);
        }

        Admin("STOP SLAVE");
        Admin("CHANGE MASTER TO MASTER_USE_GTID=current_pos");
        Admin("START SLAVE");
        both.Model.Advance(Core.Time.Duration.FromSeconds(2));
        var real = both.Real.WaitSlaveStatus("r1", st => st["Last_IO_Errno"] != "0");
        var model = both.Model.Server("r1").GetReplicaStatus()!;
        cmp.Add("MASTER_USE_GTID=current_pos after a local write: Using_Gtid of r1", model.UsingGtid, real!["Using_Gtid"] ?? "");
        cmp.Add("MASTER_USE_GTID=current_pos after a local write: SHOW SLAVE STATUS of r1", both.SlaveStatus("r1").Model, both.SlaveStatus("r1").Real);
        cmp.Add("MASTER_USE_GTID=current_pos after a local write: Last_IO_Error of r1", model.LastIoError, real["Last_IO_Error"] ?? "");

        Admin("STOP SLAVE");
        Admin("CHANGE MASTER TO MASTER_USE_GTID=slave_pos");
        Admin("START SLAVE");
        both.Exec("s1", "INSERT INTO t (v) VALUES (4)");
        both.Settle(("r1", "s1"));
        var st = both.SlaveStatus("r1");
        cmp.Add("MASTER_USE_GTID=slave_pos again: SHOW SLAVE STATUS of r1", st.Model, st.Real);
        cmp.Add("MASTER_USE_GTID=slave_pos again: Using_Gtid of r1", both.Model.Server("r1").GetReplicaStatus()!.UsingGtid, both.Real.SlaveStatus("r1")!["Using_Gtid"] ?? "");
        var p = both.GtidPositions("r1");
        cmp.Add("MASTER_USE_GTID=slave_pos again: gtid positions of r1", p.Model, p.Real);
        cmp.Verify();
    }
}
