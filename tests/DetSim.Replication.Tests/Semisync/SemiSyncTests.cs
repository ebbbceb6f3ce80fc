using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Tests.Scenarios;

namespace DetSim.Replication.Tests.Semisync;

public class SemiSyncTests
{
    private static RunReport Run(int semiSyncReplicas, int ackCount, Duration timeout)
    {
        var source = Topologies.Fast(new ServerOptions { GtidMode = true, SemiSync = SemiSyncOptions.AfterSync(ackCount, timeout) });
        var replica = Topologies.Fast(new ServerOptions { GtidMode = true });
        var servers = new List<ServerDefinition> { new("s1", source) };
        for (int i = 1; i <= 2; i++) servers.Add(new ServerDefinition($"r{i}", replica with { ReplicaSemiSync = i <= semiSyncReplicas }, "s1"));
        return ScenarioRunner.Run(new Scenario
        {
            Servers = servers,
            Tables = [new TableSetup(Topologies.Table)],
            Clients = [Topologies.Writers(2, Duration.FromMillis(500))],
            TimeLimit = SimTime.FromSeconds(20),
        }, 1, MySqlDialect.Instance);
    }

    [Fact]
    public void Two_acks_need_two_semi_sync_replicas()
    {
        var one = Run(semiSyncReplicas: 1, ackCount: 2, Duration.FromMillis(100)).Server("s1")!.SemiSync!;
        Assert.True(one.NoTimes >= 1, one.ToString());       // it timed out and switched OFF
        Assert.Equal(0, one.YesTx);
        var two = Run(semiSyncReplicas: 2, ackCount: 2, Duration.FromMillis(100)).Server("s1")!.SemiSync!;
        Assert.Equal(0, two.NoTimes);
        Assert.True(two.YesTx > 50, two.ToString());
        Assert.True(two.Status);
    }

    [Fact]
    public void After_a_timeout_the_source_switches_back_on_when_a_replica_catches_up()
    {
        var source = Topologies.Fast(new ServerOptions { GtidMode = true, SemiSync = SemiSyncOptions.AfterSync(1, Duration.FromMillis(20)) });
        var replica = Topologies.Fast(new ServerOptions { GtidMode = true, ReplicaSemiSync = true });
        var report = ScenarioRunner.Run(new Scenario
        {
            Servers = [new("s1", source), new("r1", replica, "s1")],
            Tables = [new TableSetup(Topologies.Table)],
            Clients = [Topologies.Writers(2, Duration.FromMillis(800))],
            Faults = new DetSim.Core.Faults.FaultPlan()
                .At(SimTime.FromMillis(100), new DetSim.Core.Faults.SlowLinkFault("r1", "s1", 1, Duration.FromMillis(50)))
                .At(SimTime.FromMillis(300), new DetSim.Core.Faults.SlowLinkFault("r1", "s1", 1)),
            TimeLimit = SimTime.FromSeconds(20),
            HealAt = SimTime.FromSeconds(1),
        }, 3, MySqlDialect.Instance);
        var counters = report.Server("s1")!.SemiSync!;
        Assert.True(counters.NoTimes >= 1, counters.ToString());
        Assert.True(counters.NoTx > 0 && counters.YesTx > 0, counters.ToString());
        Assert.True(counters.Status, "semi-sync is back ON at the end: " + counters);
    }
}
