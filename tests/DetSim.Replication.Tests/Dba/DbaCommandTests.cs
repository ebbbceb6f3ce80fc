using DetSim.Core.Time;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Dba;

/// <summary>What a DBA types on a replica, run through MySqlServer.ExecuteAdmin (the `sql` spec fault).</summary>
public class DbaCommandTests
{
    private const string Table = "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)";

    private static ServerOptions Options(bool gtid = true) => new()
    {
        GtidMode = gtid,
        ReplicaNetTimeout = Duration.FromMillis(500),
        HeartbeatPeriod = Duration.FromMillis(100),
    };

    private static ScriptedCluster SourceAndReplica(ServerOptions? replica = null, bool replicating = true) => new(
        [new ServerDefinition("s1", Options() with { ServerId = 1 }), new ServerDefinition("r1", (replica ?? Options()) with { ServerId = 2 }, replicating ? "s1" : null)],
        [new TableSetup(Table, 5)]);

    private static void Admin(ScriptedCluster c, string server, string sql)
    {
        c.Server(server).ExecuteAdmin(sql);
        Assert.True(c.Server(server).LastAdminError is null, $"{sql}: {c.Server(server).LastAdminError}");
    }

    [Theory]
    [InlineData("STOP REPLICA", "StopReplicaStatement { Threads = Both }")]
    [InlineData("stop slave io_thread", "StopReplicaStatement { Threads = Io }")]
    [InlineData("STOP REPLICA SQL_THREAD;", "StopReplicaStatement { Threads = Sql }")]
    [InlineData("START SLAVE IO_THREAD, SQL_THREAD", "StartReplicaStatement { Threads = Both }")]
    [InlineData("SET sql_log_bin = 0", "SetSqlLogBinStatement { On = False }")]
    [InlineData("SET SESSION sql_log_bin = ON", "SetSqlLogBinStatement { On = True }")]
    [InlineData("CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000002', SOURCE_LOG_POS=157",
        "ChangeSourceStatement { Host = , LogFile = binlog.000002, LogPos = 157, AutoPosition = , CurrentPos =  }")]
    [InlineData("CHANGE MASTER TO MASTER_HOST='s2', MASTER_LOG_FILE='binlog.000001', MASTER_LOG_POS=4",
        "ChangeSourceStatement { Host = s2, LogFile = binlog.000001, LogPos = 4, AutoPosition = , CurrentPos =  }")]
    [InlineData("CHANGE MASTER TO MASTER_USE_GTID=slave_pos", "ChangeSourceStatement { Host = , LogFile = , LogPos = , AutoPosition = True, CurrentPos = False }")]
    public void Admin_statements_parse(string sql, string parsed) => Assert.Equal(parsed, AdminStatement.TryParse(sql)!.ToString());

    [Theory]
    [InlineData("INSERT INTO t (v) VALUES (1)")]
    [InlineData("SET @x = 1")]
    [InlineData("START TRANSACTION")]
    public void Data_statements_are_not_admin_statements(string sql) => Assert.Null(AdminStatement.TryParse(sql));

    [Theory]
    [InlineData("STOP REPLICA FOO")]
    [InlineData("SET sql_log_bin = 2")]
    [InlineData("CHANGE REPLICATION SOURCE TO SOURCE_LOG_POS='x'")]
    [InlineData("CHANGE REPLICATION TO SOURCE_LOG_POS=4")]
    public void Malformed_admin_statements_are_1064(string sql) => Assert.Equal(1064, Assert.Throws<SqlError>(() => AdminStatement.TryParse(sql)).Code);

    [Fact]
    public void Stop_replica_sql_thread_keeps_receiving_and_Seconds_Behind_Source_is_NULL()
    {
        var c = SourceAndReplica();
        c.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        c.Advance(Duration.FromMillis(200));
        Assert.Equal(0, c.Server("r1").GetReplicaStatus()!.SecondsBehindSource);
        Admin(c, "r1", "STOP REPLICA SQL_THREAD");
        c.Exec("s1", "INSERT INTO t (v) VALUES (2)");
        c.Advance(Duration.FromMillis(200));
        ReplicaStatus st = c.Server("r1").GetReplicaStatus()!;
        Assert.Equal(ReplicaThreadState.Running, st.IoState);
        Assert.Equal(ReplicaThreadState.Stopped, st.SqlState);
        Assert.Null(st.SecondsBehindSource);
        Assert.EndsWith(":1-2", st.RetrievedGtidSet);
        Assert.Equal(1, c.Server("r1").GtidExecuted.Count);
        Admin(c, "r1", "START REPLICA SQL_THREAD");
        c.Advance(Duration.FromMillis(200));
        Assert.Equal(2, c.Server("r1").GtidExecuted.Count);
        Assert.Equal(0, c.Server("r1").GetReplicaStatus()!.SecondsBehindSource);
    }

    [Fact]
    public void Stop_replica_io_thread_leaves_the_applier_caught_up_with_Seconds_Behind_Source_NULL()
    {
        var c = SourceAndReplica();
        Admin(c, "r1", "STOP SLAVE IO_THREAD");
        c.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        c.Advance(Duration.FromMillis(300));
        ReplicaStatus st = c.Server("r1").GetReplicaStatus()!;
        Assert.Equal(ReplicaThreadState.Stopped, st.IoState);
        Assert.Equal(ReplicaThreadState.Running, st.SqlState);
        Assert.Null(st.SecondsBehindSource);
        Assert.Equal(0, c.Server("r1").GtidExecuted.Count);
        Admin(c, "r1", "START SLAVE IO_THREAD");
        c.Advance(Duration.FromMillis(300));
        Assert.Equal(1, c.Server("r1").GtidExecuted.Count);
    }

    [Fact]
    public void Seconds_Behind_Source_is_now_minus_the_applied_transactions_source_timestamp()
    {
        // Applying takes 5 s per transaction (one applier thread: workers' speeds vary), so the status is read while the first one is being applied.
        var c = SourceAndReplica(Options() with { ApplyCostPerTransaction = Duration.FromSeconds(5), ReplicaParallelWorkers = 1 });
        Admin(c, "r1", "STOP REPLICA SQL_THREAD");
        c.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        c.Exec("s1", "INSERT INTO t (v) VALUES (2)");
        c.Advance(Duration.FromSeconds(12));
        Admin(c, "r1", "START REPLICA SQL_THREAD");
        c.Advance(Duration.FromSeconds(1));
        long lag = c.Server("r1").GetReplicaStatus()!.SecondsBehindSource!.Value;
        Assert.InRange(lag, 12, 14); // written ~0 s, read at ~13 s of simulated time
        c.Advance(Duration.FromSeconds(5));
        long later = c.Server("r1").GetReplicaStatus()!.SecondsBehindSource!.Value; // now on the second, written at the same second
        Assert.True(later > lag, $"{later} > {lag}");
        c.Advance(Duration.FromSeconds(6));
        Assert.Equal(0, c.Server("r1").GetReplicaStatus()!.SecondsBehindSource);
    }

    [Fact]
    public void Writes_after_sql_log_bin_0_are_neither_logged_nor_given_a_GTID()
    {
        var c = SourceAndReplica();
        MySqlServer r1 = c.Server("r1");
        long binlogEventsBefore = c.Events("r1").Count;
        Admin(c, "r1", "SET sql_log_bin = 0");
        Admin(c, "r1", "DELETE FROM t WHERE id = 3");
        Admin(c, "r1", "INSERT INTO t (v) VALUES (77)");
        Assert.Equal(0, r1.GtidExecuted.Count);
        Assert.Equal(binlogEventsBefore, c.Events("r1").Count);
        Assert.DoesNotContain(c.Rows("r1", "t"), row => row[0].Equals(Value.Of(3)));
        Assert.Contains(c.Rows("r1", "t"), row => row[1].Equals(Value.Of(77)));
        // The session keeps the setting until it is turned back on; then writes are logged again (an errant GTID).
        Admin(c, "r1", "SET sql_log_bin = 1");
        Admin(c, "r1", "INSERT INTO t (v) VALUES (78)");
        c.Advance(Duration.FromMillis(50));
        Assert.Equal(1, r1.GtidExecuted.Count);
        Assert.Contains(r1.Uuid, r1.GtidExecuted.ToString());
        Assert.Contains(c.Events("r1"), e => e.Event is GtidEvent);
    }

    [Fact]
    public void An_unlogged_delete_on_a_replica_breaks_its_applier_later_with_1032()
    {
        var c = SourceAndReplica();
        Admin(c, "r1", "SET sql_log_bin = 0");
        Admin(c, "r1", "DELETE FROM t WHERE id = 3");
        c.Exec("s1", "UPDATE t SET v = 9 WHERE id = 3");
        c.Advance(Duration.FromMillis(300));
        ReplicaStatus st = c.Server("r1").GetReplicaStatus()!;
        Assert.Equal(1032, st.LastSqlErrno);
        Assert.Null(st.SecondsBehindSource);
    }

    [Fact]
    public void Change_source_to_a_file_and_position_starts_there_and_skips_what_came_before()
    {
        var c = SourceAndReplica(replicating: false);
        for (int i = 1; i <= 3; i++) c.Exec("s1", $"INSERT INTO t (v) VALUES ({i * 10})");
        // The end of the second transaction, as SHOW BINARY LOG STATUS would have shown then.
        var xids = c.Events("s1").Where(e => e.Event is XidEvent).ToList();
        long pos = xids[1].EndPosition;
        Admin(c, "r1", $"CHANGE REPLICATION SOURCE TO SOURCE_HOST='s1', SOURCE_LOG_FILE='{xids[1].File}', SOURCE_LOG_POS={pos}");
        Assert.Equal(ReplicaThreadState.Stopped, c.Server("r1").GetReplicaStatus()!.IoState);
        Admin(c, "r1", "START REPLICA");
        c.Advance(Duration.FromMillis(300));
        var values = c.Rows("r1", "t").Select(r => r[1]).ToList();
        Assert.Contains(Value.Of(30), values);
        Assert.DoesNotContain(Value.Of(10), values);
        Assert.DoesNotContain(Value.Of(20), values);
        Assert.Equal(new BinlogEnd(xids[2].File, xids[2].EndPosition), new BinlogEnd(c.Server("r1").GetReplicaStatus()!.ExecSourceLogPos.File, c.Server("r1").GetReplicaStatus()!.ExecSourceLogPos.Position));
    }

    private sealed record BinlogEnd(string File, long Position);

    [Fact]
    public void Change_source_is_refused_while_the_receiver_runs_and_with_auto_position_on()
    {
        var c = SourceAndReplica();
        c.Server("r1").ExecuteAdmin("CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000001', SOURCE_LOG_POS=4");
        Assert.Equal(3021, c.Server("r1").LastAdminError?.Code);
        Admin(c, "r1", "STOP REPLICA");
        c.Server("r1").ExecuteAdmin("CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000001', SOURCE_LOG_POS=4");
        Assert.Equal(1776, c.Server("r1").LastAdminError?.Code);
        Admin(c, "r1", "CHANGE REPLICATION SOURCE TO SOURCE_AUTO_POSITION=0, SOURCE_LOG_FILE='binlog.000001', SOURCE_LOG_POS=4");
        Assert.False(c.Server("r1").GetReplicaStatus()!.AutoPosition);
    }

    [Fact]
    public void MariaDB_change_master_with_a_position_turns_gtid_off_and_needs_both_threads_stopped()
    {
        ServerOptions maria = ServerOptions.ForMariaDb() with { ReplicaNetTimeout = Duration.FromMillis(500), HeartbeatPeriod = Duration.FromMillis(100) };
        var c = new ScriptedCluster([new ServerDefinition("s1", maria with { ServerId = 1 }), new ServerDefinition("r1", maria with { ServerId = 2 }, "s1")], [new TableSetup(Table, 5)]);
        c.Server("r1").ExecuteAdmin("STOP SLAVE IO_THREAD");
        c.Server("r1").ExecuteAdmin("CHANGE MASTER TO MASTER_LOG_FILE='binlog.000001', MASTER_LOG_POS=4");
        Assert.Equal(1198, c.Server("r1").LastAdminError?.Code);
        Admin(c, "r1", "STOP SLAVE");
        Admin(c, "r1", "CHANGE MASTER TO MASTER_LOG_FILE='binlog.000001', MASTER_LOG_POS=4");
        Assert.False(c.Server("r1").GetReplicaStatus()!.AutoPosition);
    }
}

/// <summary>START SLAVE with MASTER_USE_GTID: MariaDB discards the relay log, MySQL resumes from it.</summary>
public class RelayLogOnStartTests
{
    private static ReplicaStatus StartAfterSourcePurged(ServerOptions o, out int rows)
    {
        o = o with { GtidMode = true, ReplicaNetTimeout = Duration.FromMillis(500), HeartbeatPeriod = Duration.FromMillis(100) };
        var c = new ScriptedCluster([new ServerDefinition("s1", o with { ServerId = 1 }), new ServerDefinition("r1", o with { ServerId = 2 }, "s1")],
            [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)", 5)]);
        c.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        c.Advance(Duration.FromMillis(200));
        c.Server("r1").ExecuteAdmin("STOP SLAVE SQL_THREAD");
        c.Exec("s1", "INSERT INTO t (v) VALUES (2)");
        c.Exec("s1", "INSERT INTO t (v) VALUES (3)");
        c.Advance(Duration.FromMillis(200));
        c.Server("r1").ExecuteAdmin("STOP SLAVE");
        c.Server("s1").FlushBinaryLogs();
        c.Exec("s1", "INSERT INTO t (v) VALUES (4)");
        c.Server("s1").PurgeBinaryLogsKeepingLast(1);
        c.Server("r1").ExecuteAdmin("START SLAVE");
        c.Advance(Duration.FromSeconds(1));
        rows = c.Rows("r1", "t").Count;
        return c.Server("r1").GetReplicaStatus()!;
    }

    [Fact]
    public void MariaDB_refetches_from_gtid_slave_pos_and_finds_it_purged()
    {
        ReplicaStatus st = StartAfterSourcePurged(ServerOptions.ForMariaDb(), out int rows);
        Assert.Equal(1236, st.LastIoErrno);
        Assert.Contains("Could not find GTID state requested by slave", st.LastIoError);
        Assert.Equal(6, rows); // five baseline rows and the first insert
    }

    [Fact]
    public void MySQL_applies_its_relay_log_and_carries_on()
    {
        ReplicaStatus st = StartAfterSourcePurged(new ServerOptions(), out int rows);
        Assert.Equal(0, st.LastIoErrno);
        Assert.Equal(9, rows);
    }
}
