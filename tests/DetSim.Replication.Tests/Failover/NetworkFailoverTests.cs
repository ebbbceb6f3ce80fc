using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Failover;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Settings;
using DetSim.Replication.Sql;
using DetSim.Replication.Tests.Scenarios;

namespace DetSim.Replication.Tests.Failover;

/// <summary>
/// The failover tool is a node: it learns the servers' state by asking them over connections and
/// acts with statements, so a server it cannot reach is one it does not see (orchestrator).
/// </summary>
public class NetworkFailoverTests
{
    /// <summary>s1 dies at 600 ms; the failover runs at 700 ms; <paramref name="more"/> adds faults.</summary>
    private static Scenario SourceDies(FailoverOptions failover, params (SimTime At, Fault Fault)[] more)
    {
        var plan = new FaultPlan().At(SimTime.FromMillis(600), new CrashFault("s1", Core.Disk.CrashMode.ProcessCrash)).At(SimTime.FromMillis(700), new FailoverFault());
        foreach ((SimTime at, Fault f) in more) plan.At(at, f);
        return Topologies.SourceWithReplicas(2, null, plan, Topologies.Writers(2, Duration.FromSeconds(1), new TransactionTemplate(1, ["INSERT INTO t (v) VALUES ({n})"]))) with
        {
            Failover = failover,
            CaptureTrace = true,
        };
    }

    [Fact]
    public void The_tool_asks_and_acts_over_the_network()
    {
        RunReport report = ScenarioRunner.Run(SourceDies(new FailoverOptions()), seed: 1, MySqlDialect.Instance);
        FailoverRecord f = Assert.Single(report.Failovers);
        Assert.NotNull(f.NewSource);
        Assert.Contains("orchestrator AdminRequest { Id = ", report.TraceText);
        Assert.Contains("Command = StopReplicaCommand", report.TraceText);
        Assert.Contains("Command = ChangeSourceCommand { Source = " + f.NewSource, report.TraceText);
        // Round trips take time: the failover ends after it was started, never at the same instant.
        Assert.True(f.At > SimTime.FromMillis(700), $"failover recorded at {f.At}");
        Assert.Equal(f.NewSource, report.FinalSource);
    }

    [Fact]
    public void A_replica_the_tool_cannot_reach_is_neither_promoted_nor_repointed()
    {
        // r1 is cut off from the tool (not from the others) until the heal at 3 s: the tool, which
        // gives up on a status request after a second, sees only r2.
        Scenario scenario = SourceDies(new FailoverOptions { Promote = PromotionRule.Named, Candidate = "r1" },
            (SimTime.FromMillis(650), new PartitionFault(OrchestratorFailover.NodeName, "r1"))) with { HealAt = SimTime.FromSeconds(3) };
        RunReport named = ScenarioRunner.Run(scenario, seed: 1, MySqlDialect.Instance);
        FailoverRecord refused = Assert.Single(named.Failovers);
        Assert.Null(refused.NewSource); // the named candidate cannot be seen, so it is not a candidate

        RunReport any = ScenarioRunner.Run(scenario with { Failover = new FailoverOptions() }, seed: 1, MySqlDialect.Instance);
        FailoverRecord f = Assert.Single(any.Failovers);
        Assert.Equal("r2", f.NewSource);
        Assert.Empty(f.Repointed); // r1 was not seen, so it still points at the dead s1
        Assert.Equal("s1", any.Server("r1")!.ConfiguredSource);
    }

    private static ServerStatus Status(string name, string gtids, string retrieved) =>
        new(name, MySqlServer.UuidFor(name), GtidMode: true, ReadOnly: true, gtids,
            new ReplicaStatus("s1", true, ReplicaThreadState.Running, ReplicaThreadState.Running, default, default, 0, "", 0, "", retrieved, gtids, true), 0, true);

    [Fact]
    public void Candidate_policies_most_advanced_and_first_replica()
    {
        string src = MySqlServer.UuidFor("s1");
        ServerStatus behind = Status("r1", $"{src}:1-5", $"{src}:1-6"), ahead = Status("r2", $"{src}:1-5", $"{src}:1-9");
        Assert.Equal("r2", new MostAdvanced().Pick([behind, ahead])!.Name);
        Assert.Equal("r1", new FirstReplica().Pick([behind, ahead])!.Name);
        Assert.Equal("r2", new NamedCandidate("r2").Pick([behind, ahead])!.Name);
        Assert.Null(new NamedCandidate("r3").Pick([behind, ahead]));
        Assert.IsType<FirstReplica>(CandidatePolicies.For(new FailoverOptions { Promote = PromotionRule.FirstReplica }));
    }

    [Fact]
    public void Least_lag_picks_the_smallest_seconds_behind_source_and_puts_null_last()
    {
        string src = MySqlServer.UuidFor("s1");
        ServerStatus Lagging(string name, string retrieved, long? lag)
        {
            ServerStatus s = Status(name, $"{src}:1-5", retrieved);
            return s with { Replica = s.Replica! with { SecondsBehindSource = lag } };
        }

        // r1 received more but its applier lags 30 s; r2 received less and applied it all (0): the
        // naive rule promotes r2, the GTID rule r1.
        ServerStatus r1 = Lagging("r1", $"{src}:1-9", 30), r2 = Lagging("r2", $"{src}:1-6", 0), r3 = Lagging("r3", $"{src}:1-9", null);
        Assert.Equal("r2", new LeastLag().Pick([r1, r2, r3])!.Name);
        Assert.Equal("r1", new MostAdvanced().Pick([r1, r2, r3])!.Name);
        Assert.Equal("r1", new LeastLag().Pick([r3, r1])!.Name);
        Assert.Equal("r3", new LeastLag().Pick([r3])!.Name);
        Assert.IsType<LeastLag>(CandidatePolicies.For(new FailoverOptions { Promote = FailoverSettings.RuleOf("least_lag") }));
    }
}
