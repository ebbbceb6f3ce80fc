using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Failover;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Tests.Scenarios;

namespace DetSim.Replication.Tests.Failover;

/// <summary>
/// The automatic failover: one detection and one failover per source failure (orchestrator's
/// anti-flapping block), a wait for the candidate's relay log that ends when it has applied all it
/// received (DelayMasterPromotionIfSQLThreadNotUpToDate; SOURCE_POS_WAIT semantics), and a timeout
/// that is visible when it expires.
/// </summary>
public class AutomaticFailoverTests
{
    private static readonly Duration ApplyCost = Duration.FromMillis(2);

    /// <summary>s1 crashes at 600 ms for good; r1 applies slowly (2 ms a transaction), so it has a backlog.</summary>
    private static Scenario LaggingCandidate(FailoverOptions failover)
    {
        var fast = new ServerOptions { GtidMode = true, ReplicaParallelWorkers = 1 }; // the wait below is counted one transaction after another
        var scenario = Topologies.SourceWithReplicas(2, fast,
            new FaultPlan().At(SimTime.FromMillis(600), new CrashFault("s1", Core.Disk.CrashMode.ProcessCrash)),
            Topologies.Writers(4, Duration.FromSeconds(1), new TransactionTemplate(1, ["INSERT INTO t (v) VALUES ({n})"])) with { Think = Duration.FromMillis(1) });
        var servers = scenario.Servers.Select(s => s.Name == "r1" ? s with { Options = s.Options with { ApplyCostPerTransaction = ApplyCost } } : s).ToList();
        return scenario with { Servers = servers, Failover = failover };
    }

    private static FailoverOptions Auto(Duration? timeout = null, RelayLogTimeoutAction action = RelayLogTimeoutAction.Promote) => new()
    {
        DetectAfter = Duration.FromMillis(20),
        Promote = PromotionRule.Named,
        Candidate = "r1",
        CatchUpTimeout = timeout ?? Duration.FromSeconds(30),
        OnCatchUpTimeout = action,
    };

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void One_source_failure_gives_one_failover(ulong seed)
    {
        RunReport report = ScenarioRunner.Run(LaggingCandidate(Auto()), seed, MySqlDialect.Instance);
        FailoverRecord f = Assert.Single(report.Failovers);
        Assert.Equal("r1", f.NewSource);
        Assert.Equal("r1", report.FinalSource);
    }

    [Fact]
    public void The_wait_ends_when_the_candidate_has_applied_what_it_received()
    {
        RunReport report = ScenarioRunner.Run(LaggingCandidate(Auto()), seed: 1, MySqlDialect.Instance);
        FailoverRecord f = Assert.Single(report.Failovers);
        Assert.False(f.TimedOut);
        Assert.Equal(0, f.Unapplied);
        Assert.True(f.WaitedFor > 10, $"the candidate had a backlog ({f.WaitedFor})");
        // Each transaction costs its apply time plus the replica's redo and binlog fsyncs: the wait
        // is that, not a polling period more.
        var perTrx = new ServerOptions();
        Duration least = new(f.WaitedFor * ApplyCost.Micros);
        Duration most = new(f.WaitedFor * (ApplyCost.Micros + 2 * perTrx.FsyncLatency.Micros + 200));
        Assert.InRange(f.RelayWait.Micros, least.Micros, most.Micros);
    }

    [Fact]
    public void A_caught_up_candidate_is_promoted_at_once()
    {
        Scenario idle = LaggingCandidate(Auto()) with
        {
            Clients = [Topologies.Writers(1, Duration.FromSeconds(1), new TransactionTemplate(1, ["INSERT INTO t (v) VALUES ({n})"])) with { Think = Duration.FromMillis(50) }],
        };
        FailoverRecord f = Assert.Single(ScenarioRunner.Run(idle, seed: 1, MySqlDialect.Instance).Failovers);
        Assert.Equal(Duration.Zero, f.RelayWait);
        Assert.Equal("r1", f.NewSource);
    }

    [Fact]
    public void A_timeout_that_expires_is_recorded_and_noted()
    {
        Scenario s = LaggingCandidate(Auto(Duration.FromMillis(20))) with { CaptureTrace = true };
        RunReport report = ScenarioRunner.Run(s, seed: 1, MySqlDialect.Instance);
        FailoverRecord f = Assert.Single(report.Failovers);
        Assert.True(f.TimedOut);
        Assert.Equal(Duration.FromMillis(20), f.RelayWait);
        Assert.True(f.Unapplied > 0);
        Assert.Equal("r1", f.NewSource);
        Assert.Contains("gave up waiting", f.ToString());
        Assert.Contains("failover: gave up waiting", report.TraceText);
    }

    [Fact]
    public void A_timeout_with_refuse_does_not_promote()
    {
        RunReport report = ScenarioRunner.Run(LaggingCandidate(Auto(Duration.FromMillis(20), RelayLogTimeoutAction.Refuse)), seed: 1, MySqlDialect.Instance);
        FailoverRecord f = Assert.Single(report.Failovers);
        Assert.True(f.TimedOut);
        Assert.Null(f.NewSource);
        Assert.NotNull(f.Refused);
        Assert.Equal("s1", report.FinalSource);
    }
}
