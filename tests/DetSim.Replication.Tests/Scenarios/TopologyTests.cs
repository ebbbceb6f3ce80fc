using DetSim.Checking;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Scenarios;

/// <summary>Without faults every topology converges: each replica ends with the source's rows and GTID set.</summary>
public class TopologyTests
{
    private static ServerOptions O(BinlogFormat format = BinlogFormat.Row) => Topologies.Fast(new ServerOptions { GtidMode = true, BinlogFormat = format });

    public static TheoryData<string> Names => new() { "single", "multi", "chain", "active-active-offsets", "statement-safe", "mixed" };

    private static Scenario Build(string name) => name switch
    {
        "single" => Topologies.SourceWithReplicas(1),
        "multi" => Topologies.SourceWithReplicas(4),
        "chain" => Topologies.SourceWithReplicas(0) with { Servers = [new("a", O()), new("b", O(), "a"), new("c", O(), "b")] },
        "active-active-offsets" => Topologies.SourceWithReplicas(0) with
        {
            Servers = [new("s1", O() with { AutoIncrementIncrement = 2, AutoIncrementOffset = 1 }, "s2"), new("s2", O() with { AutoIncrementIncrement = 2, AutoIncrementOffset = 2 }, "s1")],
            Clients = [Topologies.Writers() with { Name = "east", Target = TargetSelector.Named("s1") }, Topologies.Writers() with { Name = "west", Target = TargetSelector.Named("s2") }],
        },
        "statement-safe" => Topologies.SourceWithReplicas(2, new ServerOptions { GtidMode = true, BinlogFormat = BinlogFormat.Statement }),
        _ => Topologies.SourceWithReplicas(2, new ServerOptions { GtidMode = true, BinlogFormat = BinlogFormat.Mixed }),
    } with { TimeLimit = SimTime.FromSeconds(30) };

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_topology_converges_without_faults(string name)
    {
        Scenario s = Build(name) with { Clients = Build(name).Clients.Select(c => c with { Duration = Duration.FromMillis(300) }).ToArray() };
        for (ulong seed = 1; seed <= 40; seed++)
        {
            RunReport r = ScenarioRunner.Run(s, seed, MySqlDialect.Instance);
            Assert.True(r.History.Count(o => o.Acknowledged) > 10, $"{name} seed {seed}: the workload barely ran");
            var violations = InvariantCatalog.Converged.Check(r).Concat(InvariantCatalog.ReplicationRunning.Check(r)).ToList();
            Assert.True(violations.Count == 0, $"{name} seed {seed}: {string.Join("; ", violations)}");
            var gtids = r.Servers.Select(x => x.GtidExecuted).Distinct().ToList();
            Assert.Single(gtids);
        }
    }

    [Fact]
    public void Impossible_configurations_are_named_not_thrown_deep_inside()
    {
        Scenario self = Topologies.SourceWithReplicas(0) with { Servers = [new("s1", O(), "s1")] };
        var e = Assert.Throws<ScenarioException>(() => ScenarioRunner.Run(self, 1, MySqlDialect.Instance));
        Assert.Contains("servers.s1.source: a server cannot replicate from itself", e.Message);
        Scenario unknown = Topologies.SourceWithReplicas(0) with { Servers = [new("s1", O()), new("r1", O(), "s9")] };
        Assert.Contains("servers.r1.source: unknown server 's9'", Assert.Throws<ScenarioException>(() => ScenarioRunner.Run(unknown, 1, MySqlDialect.Instance)).Message);
        Scenario badInc = Topologies.SourceWithReplicas(0) with { Servers = [new("s1", O() with { AutoIncrementIncrement = 0 })] };
        Assert.Contains("auto_increment_increment must be 1..65535", Assert.Throws<ScenarioException>(() => ScenarioRunner.Run(badInc, 1, MySqlDialect.Instance)).Message);
    }
}
