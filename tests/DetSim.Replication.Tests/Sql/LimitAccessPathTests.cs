using DetSim.Checking;
using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;
using DetSim.Replication.Tests.Scenarios;

namespace DetSim.Replication.Tests.Sql;

/// <summary>
/// UPDATE / DELETE … LIMIT without ORDER BY is unsafe for statement-based replication because the
/// access path MAY differ between servers (ER_BINLOG_UNSAFE_LIMIT; RM80
/// replication-features-limit.html). InnoDB servers with the same data take the clustered index
/// order, so by default a STATEMENT replica changes the same rows; a server configured with
/// access_path_varies picks its own order and can diverge.
/// </summary>
public class LimitAccessPathTests
{
    private static SessionContext Session(ulong seed) => new(() => new SimTime(1), new SimRandom(seed), "app@client", 7, "uuid", 1, 1);

    private static IReadOnlyList<long> KeysChangedBy(StatementExecutor x, ulong seed, string sql)
    {
        var engine = new InnoDb(new DetSim.Core.Disk.SimDisk(), FlushLogAtTrxCommit.EachCommit);
        engine.LoadBaseline(new RedoBaseline([(TableSchema.Simple(), [.. Enumerable.Range(1, 6).Select(i => new[] { Value.Of(i), Value.Of(0) })])]));
        var store = new TransactionStore(engine);
        x.Run(sql, store, Session(seed), Flavor.MySql80);
        return store.Changes.Select(c => c.Key).ToArray();
    }

    [Theory]
    [InlineData("UPDATE t SET v = 9 LIMIT 2")]
    [InlineData("DELETE FROM t WHERE v = 0 LIMIT 2")]
    public void Limit_without_order_by_takes_primary_key_order_on_every_seed(string sql)
    {
        var x = new StatementExecutor();
        for (ulong seed = 1; seed <= 20; seed++) Assert.Equal([1L, 2L], KeysChangedBy(x, seed, sql));
    }

    [Fact]
    public void A_server_whose_access_path_varies_draws_its_order_from_the_seed()
    {
        var x = new StatementExecutor(new StatementEngineOptions { AccessPathVaries = true });
        var orders = Enumerable.Range(1, 20).Select(s => string.Join(",", KeysChangedBy(x, (ulong)s, "UPDATE t SET v = 9 LIMIT 2"))).ToHashSet();
        Assert.Equal(new HashSet<string> { "1,2", "6,5" }, orders);
    }

    private static Scenario StatementLimitWorkload(bool replicaPathVaries)
    {
        var o = new ServerOptions { GtidMode = true, BinlogFormat = BinlogFormat.Statement };
        Scenario s = Topologies.SourceWithReplicas(1, o, null,
            Topologies.Writers(2, Duration.FromMillis(300),
                new TransactionTemplate(2, ["INSERT INTO t (v) VALUES ({n})"]),
                new TransactionTemplate(2, ["UPDATE t SET v = v + 1 LIMIT 3"]),
                new TransactionTemplate(1, ["DELETE FROM t LIMIT 1"])));
        return s with
        {
            Servers = [s.Servers[0], s.Servers[1] with { Options = s.Servers[1].Options with { AccessPathVaries = replicaPathVaries } }],
        };
    }

    [Fact]
    public void Statement_replicas_with_the_same_access_path_converge()
    {
        for (ulong seed = 1; seed <= 10; seed++)
        {
            RunReport report = ScenarioRunner.Run(StatementLimitWorkload(replicaPathVaries: false), seed, MySqlDialect.Instance);
            Assert.Empty(InvariantCatalog.Converged.Check(report));
        }
    }

    [Fact]
    public void A_statement_replica_whose_access_path_varies_diverges()
    {
        int diverged = 0;
        for (ulong seed = 1; seed <= 10; seed++)
            if (InvariantCatalog.Converged.Check(ScenarioRunner.Run(StatementLimitWorkload(replicaPathVaries: true), seed, MySqlDialect.Instance)).Count > 0) diverged++;
        Assert.True(diverged > 0, "no seed diverged");
    }
}
