using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Dba;

/// <summary>Transaction isolation and binary logging (error 1665), and row lock waits that end in 1205.</summary>
public class IsolationAndLockWaitTests
{
    private const string Table = "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)";

    private static ScriptedCluster Single(ServerOptions o) => new([new ServerDefinition("s1", o with { ServerId = 1 })], [new TableSetup(Table, 5)]);

    [Theory]
    [InlineData("SET SESSION transaction_isolation = 'READ-COMMITTED'", IsolationLevel.ReadCommitted)]
    [InlineData("SET tx_isolation = 'read-uncommitted'", IsolationLevel.ReadUncommitted)]
    [InlineData("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", IsolationLevel.RepeatableRead)]
    [InlineData("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", IsolationLevel.ReadCommitted)]
    [InlineData("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE", IsolationLevel.Serializable)]
    public void Isolation_statements_parse(string sql, IsolationLevel level) =>
        Assert.Equal(new SetIsolationStatement(level), AdminStatement.TryParse(sql));

    [Theory]
    [InlineData(BinlogFormat.Statement, "READ-COMMITTED", 1665)]
    [InlineData(BinlogFormat.Statement, "READ-UNCOMMITTED", 1665)]
    [InlineData(BinlogFormat.Statement, "REPEATABLE-READ", 0)]
    [InlineData(BinlogFormat.Mixed, "READ-COMMITTED", 0)]
    [InlineData(BinlogFormat.Row, "READ-COMMITTED", 0)]
    public void Statement_format_under_read_committed_is_error_1665(BinlogFormat format, string level, int error)
    {
        var c = Single(new ServerOptions { GtidMode = true, BinlogFormat = format });
        ClientReply r = c.Exec("s1", $"SET SESSION transaction_isolation = '{level}'", "INSERT INTO t (v) VALUES (1)");
        Assert.Equal(error, r.Error?.Code ?? 0);
        if (error != 0) Assert.StartsWith("Cannot execute statement: impossible to write to binary log since BINLOG_FORMAT = STATEMENT", r.Error!.Message);
        // The setting lasts for the session: a later transaction of the same session fails too.
        ClientReply next = c.Exec("s1", "UPDATE t SET v = 2 WHERE id = 1");
        Assert.Equal(error, next.Error?.Code ?? 0);
    }

    [Fact]
    public void Mixed_format_under_read_committed_logs_a_safe_insert_as_rows()
    {
        var c = Single(new ServerOptions { GtidMode = true, BinlogFormat = BinlogFormat.Mixed });
        c.Exec("s1", "INSERT INTO t (v) VALUES (1)");
        Assert.DoesNotContain(c.Events("s1"), e => e.Event is RowsEvent);
        c.Exec("s1", "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", "INSERT INTO t (v) VALUES (2)");
        Assert.Contains(c.Events("s1"), e => e.Event is RowsEvent { Kind: EventType.WriteRows });
    }

    [Fact]
    public void A_server_default_of_read_committed_applies_to_every_session()
    {
        var c = Single(new ServerOptions { GtidMode = true, BinlogFormat = BinlogFormat.Statement, TransactionIsolation = IsolationLevel.ReadCommitted });
        Assert.Equal(1665, c.Exec("s1", "INSERT INTO t (v) VALUES (1)").Error?.Code);
    }

    /// <summary>
    /// AFTER_SYNC keeps the writer's row locks until the ACK (or the semi-sync timeout): a locking read
    /// of that row waits, and fails with 1205 after innodb_lock_wait_timeout (RM80
    /// innodb-parameters.html#sysvar_innodb_lock_wait_timeout, default 50 s).
    /// </summary>
    [Fact]
    public void A_locking_read_of_a_row_waiting_for_its_semi_sync_ack_gets_1205_after_50_s()
    {
        var source = new ServerOptions { GtidMode = true, SemiSync = SemiSyncOptions.AfterSync(1, Duration.FromSeconds(100)) };
        var c = Single(source);
        long writer = c.Send("s1", 1, "UPDATE t SET v = 7 WHERE id = 3");
        c.Advance(Duration.FromMillis(100));
        long reader = c.Send("s1", 2, "SELECT v FROM t WHERE id = 3 FOR UPDATE");
        c.Advance(Duration.FromSeconds(49));
        Assert.Null(c.Reply(reader)); // still waiting
        c.Advance(Duration.FromSeconds(2));
        ClientReply r = c.Reply(reader)!;
        Assert.Equal(1205, r.Error?.Code);
        Assert.Equal("Lock wait timeout exceeded; try restarting transaction", r.Error!.Message);
        Assert.Null(c.Reply(writer)); // the writer still waits for its ACK
        // A plain read does not lock: it returns at once with the committed value.
        long plain = c.Send("s1", 3, "SELECT v FROM t WHERE id = 3");
        c.Advance(Duration.FromMillis(10));
        Assert.True(c.Reply(plain)!.Ok);
    }

    [Fact]
    public void A_locking_read_returns_once_the_semi_sync_wait_times_out_and_the_writer_commits()
    {
        var source = new ServerOptions { GtidMode = true, SemiSync = SemiSyncOptions.AfterSync(1, Duration.FromSeconds(10)) };
        var c = Single(source);
        c.Send("s1", 1, "UPDATE t SET v = 7 WHERE id = 3");
        c.Advance(Duration.FromMillis(100));
        long reader = c.Send("s1", 2, "SELECT v FROM t WHERE id = 3 FOR UPDATE");
        c.Advance(Duration.FromSeconds(9));
        Assert.Null(c.Reply(reader));
        c.Advance(Duration.FromSeconds(2));
        ClientReply r = c.Reply(reader)!;
        Assert.True(r.Ok, r.ToString());
        Assert.Equal(7, Assert.Single(r.Rows)[0].AsInteger);
    }

    [Fact]
    public void A_write_waiting_for_a_row_lock_also_times_out_with_1205()
    {
        var c = Single(new ServerOptions { GtidMode = true, SemiSync = SemiSyncOptions.AfterSync(1, Duration.FromSeconds(100)), InnodbLockWaitTimeout = Duration.FromSeconds(2) });
        c.Send("s1", 1, "UPDATE t SET v = 7 WHERE id = 3");
        c.Advance(Duration.FromMillis(100));
        long second = c.Send("s1", 2, "UPDATE t SET v = 8 WHERE id = 3");
        c.Advance(Duration.FromSeconds(3));
        Assert.Equal(1205, c.Reply(second)?.Error?.Code);
    }
}
