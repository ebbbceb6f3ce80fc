using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Tests.Scenarios;

namespace DetSim.Replication.Tests.Replica;

/// <summary>
/// DDL is logged as a Query event in every binlog format, in its own transaction with its own GTID
/// (RM80 implicit-commit.html, binary-log-formats.html); the replica runs it and the DML after it.
/// </summary>
public class DdlReplicationTests
{
    private const string NewTable = "CREATE TABLE notes (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)";

    private static Scenario CreateThenInsert(BinlogFormat format, bool gtids)
    {
        var options = new ServerOptions { GtidMode = gtids, BinlogFormat = format };
        ClientOptions writers = Topologies.Writers(2, Duration.FromMillis(300), new TransactionTemplate(1, ["INSERT INTO notes (v) VALUES ({n})"])) with
        {
            Start = SimTime.FromMillis(100),
        };
        return Topologies.SourceWithReplicas(1, options,
            new FaultPlan().At(SimTime.FromMillis(20), new AdminSqlFault("s1", NewTable)), writers);
    }

    [Theory]
    [InlineData(BinlogFormat.Statement, true)]
    [InlineData(BinlogFormat.Row, true)]
    [InlineData(BinlogFormat.Mixed, true)]
    [InlineData(BinlogFormat.Row, false)]
    public void Create_table_then_inserts_replicate_and_converge(BinlogFormat format, bool gtids)
    {
        RunReport report = ScenarioRunner.Run(CreateThenInsert(format, gtids), seed: 3, MySqlDialect.Instance);
        ServerSnapshot s1 = report.Server("s1")!, r1 = report.Server("r1")!;
        Assert.Equal(0, r1.Replica!.LastSqlErrno);
        Assert.Equal(ReplicaThreadState.Running, r1.Replica.SqlState);
        Assert.True(s1.Tables!.ContainsKey("notes"));
        Assert.True(r1.Tables!.ContainsKey("notes"), "the replica ran the replicated CREATE TABLE");
        Assert.NotEmpty(s1.Tables["notes"]);
        Assert.Equal(Rows(s1), Rows(r1));
        if (gtids) Assert.Equal(s1.GtidExecuted, r1.GtidExecuted);
    }

    private static string Rows(ServerSnapshot s) =>
        string.Join(";", s.Tables!["notes"].Select(r => string.Join(",", r.Select(v => v.ToString()))));
}
