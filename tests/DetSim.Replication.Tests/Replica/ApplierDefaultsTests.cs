using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Tests.Scenarios;

namespace DetSim.Replication.Tests.Replica;

/// <summary>
/// MySQL 8.0.27+ replicates with 4 workers and replica_preserve_commit_order=ON by default (RM80
/// replication-options-replica.html#sysvar_replica_parallel_workers); MariaDB 10.11's
/// slave_parallel_threads=0 applies in one thread.
/// </summary>
public class ApplierDefaultsTests
{
    [Fact]
    public void Mysql_applies_with_four_ordered_workers_and_mariadb_with_one()
    {
        Assert.Equal(4, new ServerOptions().ReplicaParallelWorkers);
        Assert.True(new ServerOptions().ReplicaPreserveCommitOrder);
        Assert.Equal(1, ServerOptions.ForMariaDb().ReplicaParallelWorkers);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void A_default_replica_commits_in_source_order_and_converges(ulong seed)
    {
        RunReport report = ScenarioRunner.Run(Topologies.SourceWithReplicas(2, clients: Topologies.Writers(4)), seed, MySqlDialect.Instance);
        ServerSnapshot s1 = report.Server("s1")!;
        foreach (string r in new[] { "r1", "r2" })
        {
            ServerSnapshot replica = report.Server(r)!;
            Assert.Equal(0, replica.Replica!.LastSqlErrno);
            Assert.Equal(s1.GtidExecuted, replica.GtidExecuted);
            // Commit order: every source's interval has no hole.
            GtidSet set = GtidSet.Parse(replica.GtidExecuted!);
            Assert.All(set.SourceIds, id => Assert.Single(set.IntervalsOf(id)));
        }
    }
}
