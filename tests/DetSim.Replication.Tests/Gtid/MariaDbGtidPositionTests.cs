using DetSim.Core.Time;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Tests.Dba;

namespace DetSim.Replication.Tests.Gtid;

/// <summary>
/// The MariaDB flavour's GTID positions (MariaDB KB "Global Transaction ID"): one seq_no sequence
/// per domain across servers, gtid_slave_pos apart from gtid_binlog_pos, gtid_current_pos choosing
/// between them. The same cases against mariadbd: tests/DetSim.Conformance.Tests/Cases/GtidPositionTests.cs.
/// </summary>
public class MariaDbGtidPositionTests
{
    private const string Table = "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)";

    private static ServerOptions Maria(bool logSlaveUpdates = false) => ServerOptions.ForMariaDb() with
    {
        LogReplicaUpdates = logSlaveUpdates,
        ReplicaNetTimeout = Duration.FromMillis(500),
        HeartbeatPeriod = Duration.FromMillis(100),
        ConnectRetry = Duration.FromMillis(100),
    };

    private static ScriptedCluster Cluster() => new(
        [
            new ServerDefinition("s1", Maria() with { ServerId = 1 }),
            new ServerDefinition("r1", Maria() with { ServerId = 2 }, "s1"),
            new ServerDefinition("r2", Maria(logSlaveUpdates: true) with { ServerId = 3 }, "s1"),
        ],
        [new TableSetup(Table, 5)]);

    private static string Positions(ScriptedCluster c, string server)
    {
        MariaDbGtidPositions p = c.Server(server).MariaDbGtids();
        return $"binlog={p.BinlogPos} slave={p.SlavePos} current={p.CurrentPos}";
    }

    [Fact]
    public void A_replica_without_log_slave_updates_has_a_slave_pos_and_no_binlog_pos()
    {
        var c = Cluster();
        for (int i = 1; i <= 3; i++) c.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
        c.Advance(Duration.FromSeconds(1));
        Assert.Equal("binlog=0-1-3 slave= current=0-1-3", Positions(c, "s1"));
        Assert.Equal("binlog= slave=0-1-3 current=0-1-3", Positions(c, "r1"));
        Assert.Equal("binlog=0-1-3 slave=0-1-3 current=0-1-3", Positions(c, "r2"));
        Assert.Equal("0-1-3", c.Server("r1").GetReplicaStatus()!.GtidIoPos);
    }

    [Fact]
    public void A_local_write_continues_the_domains_sequence_under_its_own_server_id()
    {
        var c = Cluster();
        for (int i = 1; i <= 3; i++) c.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
        c.Advance(Duration.FromSeconds(1));
        c.Exec("r1", "UPDATE t SET v = 100 WHERE id = 1");
        Assert.Equal("binlog=0-2-4 slave=0-1-3 current=0-2-4", Positions(c, "r1"));
        c.Exec("s1", "INSERT INTO t (v) VALUES (4)");
        c.Exec("s1", "UPDATE t SET v = 5 WHERE id = 3");
        c.Advance(Duration.FromSeconds(1));
        // s1 knew nothing of 0-2-4: its GTIDs are 0-1-4 and 0-1-5, and r1's slave_pos passes its own write.
        Assert.Equal("binlog=0-2-4 slave=0-1-5 current=0-1-5", Positions(c, "r1"));
    }

    [Fact]
    public void A_promoted_replica_numbers_on_from_the_old_sources_sequence_and_the_positions_survive_a_restart()
    {
        var c = Cluster();
        for (int i = 1; i <= 3; i++) c.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
        c.Advance(Duration.FromSeconds(1));
        c.Server("r2").ExecuteAdmin("STOP SLAVE");
        c.Exec("r2", "INSERT INTO t (v) VALUES (10)");
        Assert.Equal("binlog=0-3-4 slave=0-1-3 current=0-3-4", Positions(c, "r2"));
        c.Server("r1").ExecuteAdmin("STOP SLAVE");
        c.Server("r1").ExecuteAdmin("CHANGE MASTER TO MASTER_HOST='r2', MASTER_USE_GTID=slave_pos");
        c.Server("r1").ExecuteAdmin("START SLAVE");
        c.Advance(Duration.FromSeconds(1));
        Assert.Equal("binlog= slave=0-3-4 current=0-3-4", Positions(c, "r1"));
        c.Kill("r1");
        c.Restart("r1");
        c.Advance(Duration.FromSeconds(1));
        Assert.Equal("binlog= slave=0-3-4 current=0-3-4", Positions(c, "r1"));
    }

    [Fact]
    public void Current_pos_asks_from_a_local_write_the_source_lacks_and_slave_pos_does_not()
    {
        var c = Cluster();
        for (int i = 1; i <= 3; i++) c.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
        c.Advance(Duration.FromSeconds(1));
        c.Exec("r1", "UPDATE t SET v = 100 WHERE id = 1");
        MySqlServer r1 = c.Server("r1");
        r1.ExecuteAdmin("STOP SLAVE");
        r1.ExecuteAdmin("CHANGE MASTER TO MASTER_USE_GTID=current_pos");
        r1.ExecuteAdmin("START SLAVE");
        c.Advance(Duration.FromSeconds(1));
        ReplicaStatus st = r1.GetReplicaStatus()!;
        Assert.Equal("Current_Pos", st.UsingGtid);
        Assert.Equal(1236, st.LastIoErrno);
        Assert.Contains("requested to start from GTID 0-2-4, which is not in the master's binlog", st.LastIoError);
        r1.ExecuteAdmin("STOP SLAVE");
        r1.ExecuteAdmin("CHANGE MASTER TO MASTER_USE_GTID=slave_pos");
        r1.ExecuteAdmin("START SLAVE");
        c.Exec("s1", "INSERT INTO t (v) VALUES (4)");
        c.Advance(Duration.FromSeconds(1));
        Assert.Equal(0, r1.GetReplicaStatus()!.LastIoErrno);
        Assert.Equal("binlog=0-2-4 slave=0-1-4 current=0-1-4", Positions(c, "r1"));
    }

    [Fact]
    public void The_mysql_flavour_keeps_uuid_numbering()
    {
        var c = new ScriptedCluster(
            [new ServerDefinition("s1", new ServerOptions { GtidMode = true, ServerId = 1 }), new ServerDefinition("r1", new ServerOptions { GtidMode = true, ServerId = 2 }, "s1")],
            [new TableSetup(Table, 5)]);
        c.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        c.Advance(Duration.FromSeconds(1));
        c.Exec("r1", "UPDATE t SET v = 2 WHERE id = 1");
        string[] expected = [$"{c.Server("s1").Uuid}:1", $"{c.Server("r1").Uuid}:1"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), c.Server("r1").GtidExecuted.ToString().Split(',').Order(StringComparer.Ordinal));
    }
}
