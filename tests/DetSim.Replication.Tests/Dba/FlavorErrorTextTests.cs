using DetSim.Core.Time;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;

namespace DetSim.Replication.Tests.Dba;

/// <summary>The replica's error texts per flavour: a replica ahead of its source, and the applier's 1062.</summary>
public class FlavorErrorTextTests
{
    private const string Table = "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)";

    private static ServerOptions Options(Flavor flavor, BinlogFormat format = BinlogFormat.Row) =>
        (flavor == Flavor.MySql80 ? new ServerOptions() : ServerOptions.ForMariaDb()) with
        {
            GtidMode = true, BinlogFormat = format, SyncBinlog = 0,
            ReplicaNetTimeout = Duration.FromMillis(500), HeartbeatPeriod = Duration.FromMillis(100),
        };

    /// <summary>
    /// sync_binlog=0 and a power loss: the source loses the binlog tail its replica already has, so
    /// the replica asks for GTIDs the source does not have (RM80 replication-options-binary-log.html, sync_binlog).
    /// </summary>
    private static ReplicaStatus ReplicaAheadAfterPowerLoss(Flavor flavor)
    {
        ServerOptions o = Options(flavor);
        var c = new ScriptedCluster([new ServerDefinition("s1", o with { ServerId = 1 }), new ServerDefinition("r1", o with { ServerId = 2 }, "s1")], [new TableSetup(Table, 5)]);
        for (int i = 0; i < 3; i++) c.Exec("s1", $"INSERT INTO t (v) VALUES ({i})");
        c.Advance(Duration.FromMillis(200));
        Assert.Equal(3, c.Server("r1").GtidExecuted.Count);
        c.PowerLoss("s1");
        c.Advance(Duration.FromMillis(100));
        c.Restart("s1");
        c.Advance(Duration.FromSeconds(3));
        Assert.True(c.Server("s1").GtidExecuted.Count < 3, "the power loss took the source's unsynced binlog");
        return c.Server("r1").GetReplicaStatus()!;
    }

    [Fact]
    public void A_replica_ahead_of_a_MySQL_source_gets_1236_replica_has_more_GTIDs()
    {
        ReplicaStatus st = ReplicaAheadAfterPowerLoss(Flavor.MySql80);
        Assert.Equal(13114, st.LastIoErrno);
        Assert.Contains("Replica has more GTIDs than the source has", st.LastIoError);
    }

    [Fact]
    public void A_replica_ahead_of_a_MariaDB_source_gets_1236_with_the_text_of_1945()
    {
        ReplicaStatus st = ReplicaAheadAfterPowerLoss(Flavor.MariaDb1011);
        Assert.Equal(1236, st.LastIoErrno);
        Assert.Equal("Got fatal error 1236 from master when reading data from binary log: 'Error: connecting slave requested to start from GTID 0-1-3, which is not in the master's binlog'", st.LastIoError);
    }

    /// <summary>A row the replica already has (written there directly) meets the source's insert of the same key.</summary>
    private static ReplicaStatus Duplicate(Flavor flavor, BinlogFormat format)
    {
        ServerOptions o = Options(flavor, format) with { SyncBinlog = 1 };
        var c = new ScriptedCluster([new ServerDefinition("s1", o with { ServerId = 1 }), new ServerDefinition("r1", o with { ServerId = 2 }, "s1")], [new TableSetup(Table, 5)]);
        c.Exec("r1", "INSERT INTO t (v) VALUES (100)");
        c.Exec("s1", "INSERT INTO t (v) VALUES (200)");
        c.Advance(Duration.FromMillis(300));
        ReplicaStatus st = c.Server("r1").GetReplicaStatus()!;
        Assert.Equal(1062, st.LastSqlErrno);
        return st;
    }

    [Fact]
    public void The_MariaDB_applier_words_1062_per_event_kind()
    {
        Assert.Equal("Error 'Duplicate entry '6' for key 'PRIMARY'' on query. Default database: 'test'. Query: 'INSERT INTO t (v) VALUES (200)'",
            Duplicate(Flavor.MariaDb1011, BinlogFormat.Statement).LastSqlError);
        string row = Duplicate(Flavor.MariaDb1011, BinlogFormat.Row).LastSqlError;
        Assert.StartsWith("Could not execute Write_rows_v1 event on table test.t; Duplicate entry '6' for key 'PRIMARY', Error_code: 1062; handler error HA_ERR_FOUND_DUPP_KEY; the event's master log binlog.000001, end_log_pos ", row);
    }

    [Fact]
    public void The_MySQL_applier_names_the_worker_and_the_transaction()
    {
        string text = Duplicate(Flavor.MySql80, BinlogFormat.Row).LastSqlError;
        Assert.StartsWith("Worker 1 failed executing transaction '", text);
        Assert.EndsWith("Duplicate entry '6' for key 't.PRIMARY', Error_code: 1062", text);
    }
}
