using DetSim.Checking;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Server;

/// <summary>
/// An UPDATE or DELETE that matches no row writes nothing to the binlog under ROW (and under MIXED
/// when the statement is unsafe and so logged as rows); MYSQL_BIN_LOG::commit then skips the group
/// commit, and no GTID is assigned (sql/binlog.cc; RM80 binary-log.html: the log "also contains
/// events for statements that potentially could have made changes (for example, a DELETE which
/// matched no rows), unless row-based logging is used"). Under STATEMENT the statement is logged
/// and takes a GTID, which the replica then also executes.
/// </summary>
public class NoOpGtidTests
{
    private const string NoOpUpdate = "UPDATE t SET v = v + 1 WHERE id = 999";
    private const string NoOpDelete = "DELETE FROM t WHERE id > 900";
    private const string UnsafeNoOpUpdate = "UPDATE t SET v = 0 WHERE id > 900 LIMIT 1";

    private static RunReport RunOnce(BinlogFormat format, string sql)
    {
        ServerOptions o = Scenarios.Topologies.Fast(new ServerOptions { GtidMode = true, BinlogFormat = format });
        var scenario = new Scenario
        {
            Servers = [new ServerDefinition("s1", o), new ServerDefinition("r1", o, "s1")],
            Network = LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMicros(100)) },
            Tables = [new TableSetup(Scenarios.Topologies.Table, 20)],
            Clients = [new ClientOptions { Name = "app", Start = SimTime.FromMillis(10), Duration = Duration.FromMicros(1), Think = Duration.FromSeconds(10), Transactions = [new TransactionTemplate(1, [sql])] }],
            TimeLimit = SimTime.FromSeconds(5),
        };
        return ScenarioRunner.Run(scenario, seed: 1, MySqlDialect.Instance);
    }

    [Theory]
    [InlineData(BinlogFormat.Row, NoOpUpdate, false)]
    [InlineData(BinlogFormat.Row, NoOpDelete, false)]
    [InlineData(BinlogFormat.Mixed, UnsafeNoOpUpdate, false)]
    [InlineData(BinlogFormat.Mixed, NoOpUpdate, true)]
    [InlineData(BinlogFormat.Mixed, NoOpDelete, true)]
    [InlineData(BinlogFormat.Statement, NoOpUpdate, true)]
    [InlineData(BinlogFormat.Statement, NoOpDelete, true)]
    [InlineData(BinlogFormat.Statement, UnsafeNoOpUpdate, true)]
    public void A_no_op_statement_takes_a_gtid_only_when_it_is_logged(BinlogFormat format, string sql, bool logged)
    {
        RunReport report = RunOnce(format, sql);
        Operation op = Assert.Single(report.History);
        Assert.True(op.Acknowledged);
        Assert.Empty(op.Changes);
        ServerSnapshot s1 = report.Server("s1")!, r1 = report.Server("r1")!;
        Assert.Equal(logged, op.Gtid is not null);
        Assert.Equal(logged, s1.GtidExecuted != "");
        // Whatever the format, the replica ends with the source's gtid_executed.
        Assert.Equal(s1.GtidExecuted, r1.GtidExecuted);
        Assert.Empty(InvariantCatalog.Converged.Check(report));
    }
}
